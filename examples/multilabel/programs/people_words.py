# Who the headline is about: players and fans, politicians and voters, engineers and users, investors and executives.
import re

PEOPLE = {
    "sports": r"\b(coach|striker|goalkeeper|champion|sprinter|fans|club)\b",
    "politics": r"\b(minister|president|governor|lawmakers|voters|party)\b",
    "tech": r"\b(engineers|researchers|developers|users|startup)\b",
    "business": r"\b(investors|ceo|shareholders|retailer|airline|company)\b",
}


def label_function(text):
    found = [topic for topic, pattern in PEOPLE.items() if re.search(pattern, text, re.IGNORECASE)]
    return found or -1
