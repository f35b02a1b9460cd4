# A weak guess: short headlines in this feed are mostly about politics.
def label_function(text):
    return ["politics"] if len(text) < 40 else -1
