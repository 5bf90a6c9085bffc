"""Our Rasa input channels: REST and socket.io that answer in the borrower's script."""
