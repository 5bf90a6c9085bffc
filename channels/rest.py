"""Rasa's REST channel (/webhooks/rest/webhook), answering in the borrower's script."""
from rasa.core.channels.rest import RestInput

from channels.script import answer_in_borrowers_script


class BorrowerRestInput(RestInput):
    @classmethod
    def name(cls) -> str:
        return "rest"

    def blueprint(self, on_new_message):
        return super().blueprint(answer_in_borrowers_script(on_new_message))
