import re

# Prize and reward scams: "you have won", "claim your prize", "cash award"...
PRIZE = re.compile(r"\b(won|winner|win|prize|claim|award|reward|bonus|voucher|cash)\b", re.IGNORECASE)


def label_function(text):
    return "spam" if PRIZE.search(text) and re.search(r"\d", text) else -1
