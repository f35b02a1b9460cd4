import re

# Premium-rate calls and short codes: "call 09061701461", "txt STOP to 87239", "reply to 80062".
NUMBER_CALL = re.compile(r"\b(call|txt|text|reply|send)\b[^.?!]{0,40}\b\d{5,}\b", re.IGNORECASE)
SHORT_CODE = re.compile(r"\b0[89]\d{8,9}\b")


def label_function(text):
    if NUMBER_CALL.search(text) or SHORT_CODE.search(text):
        return "spam"
    return -1
