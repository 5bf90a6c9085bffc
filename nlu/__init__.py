"""Our Rasa NLU components: text normalisation before the tokenizer."""
