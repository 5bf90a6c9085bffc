"""Rasa's command line with our patches installed first: `python -m rasa_patches run …`."""

import sys

from rasa_patches import install_all


def main() -> None:
    install_all()
    from rasa.__main__ import main as rasa_main

    sys.argv[0] = "rasa"
    rasa_main()


if __name__ == "__main__":
    main()
