"""Rasa's socket.io channel, answering in the borrower's script."""
from rasa.core.channels.socketio import SocketIOInput

from channels.script import answer_in_borrowers_script


class BorrowerSocketIOInput(SocketIOInput):
    @classmethod
    def name(cls) -> str:
        return "socketio"

    def blueprint(self, on_new_message):
        return super().blueprint(answer_in_borrowers_script(on_new_message))
