import re

# Short personal messages with chat shorthand and no digits are almost never spam.
CASUAL = re.compile(r"\b(i|i'm|im|u|ur|lol|ok|okay|haha|hey|love|sorry|home|later|tmr|tonight)\b", re.IGNORECASE)


def label_function(text):
    if len(text) < 120 and CASUAL.search(text) and not re.search(r"\d{3,}", text):
        return 0
    return -1
