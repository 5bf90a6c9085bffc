"""How the Rasa server writes its responses (endpoints.yml `nlg`)."""
