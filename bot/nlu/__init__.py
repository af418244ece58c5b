"""Custom Rasa NLU components: language identification, spaCy tokenizer, language-choice extractor."""
