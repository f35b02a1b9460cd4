# Nouns of the events each topic reports on; returns every topic it recognises, or -1.
CUES = {
    "sports": ["match", "team", "cup", "league", "game", "record"],
    "politics": ["vote", "senate", "election", "parliament", "bill", "polls"],
    "tech": ["software", "app", "chip", "computer", "update", "robot"],
    "business": ["shares", "profits", "bank", "revenue", "bond", "loss"],
}


def label_function(text):
    lower = text.lower()
    found = [topic for topic, words in CUES.items() if any(w in lower.split() for w in words)]
    return found if found else -1
