"""The action server: rasa_sdk's own app, with the one check rasa_sdk 3.6 does not make — only our
Rasa servers may call it. Every request but `/health` must carry `Authorization: Bearer
<ACTION_SERVER_TOKEN>` (endpoints.yml sends it); anything else gets 401 and runs nothing. The
token is required in every mode (the launchers that start both servers make a random one when none
is given) and must be 32+ characters.

    python -m actions.server --port 5055      (scripts/run-actions)
"""

import argparse
import hmac
import logging
import os

MIN_TOKEN = 32
OPEN_PATHS = frozenset({"/health"})


def action_server_token() -> str:
    token = os.environ.get("ACTION_SERVER_TOKEN", "")
    if len(token) < MIN_TOKEN:
        raise RuntimeError(
            f"ACTION_SERVER_TOKEN ({MIN_TOKEN}+ characters) is required: the Rasa servers send it "
            "(endpoints.yml) and the action server refuses calls without it"
        )
    return token


def guard(app, token: str) -> None:
    """Refuse every call to `app` that does not show `token` (constant-time comparison)."""
    from sanic import response

    expected = f"Bearer {token}".encode()

    @app.on_request
    async def _only_our_rasa_servers(request):
        if request.path in OPEN_PATHS:
            return None
        given = request.headers.get("authorization", "").encode()
        if not hmac.compare_digest(given, expected):
            return response.json({"error": "unauthorised"}, status=401)
        return None


def create_app(token: str):
    from rasa_sdk.endpoint import create_app as create_sdk_app

    app = create_sdk_app("actions", cors_origins=None)
    guard(app, token)
    return app


def main() -> None:
    parser = argparse.ArgumentParser(description="the action server, callable only by our Rasa servers")
    parser.add_argument("--port", type=int, default=5055)
    args = parser.parse_args()
    token = action_server_token()

    from rasa_sdk import utils
    from rasa_sdk.constants import APPLICATION_ROOT_LOGGER_NAME

    utils.configure_colored_logging(os.environ.get("LOG_LEVEL", "INFO"))
    utils.update_sanic_log_level()
    logging.getLogger(APPLICATION_ROOT_LOGGER_NAME).info("action server on port %s", args.port)
    host = os.environ.get("SANIC_HOST", "127.0.0.1")
    create_app(token).run(host, args.port, workers=utils.number_of_sanic_workers(), access_log=False)


if __name__ == "__main__":
    main()
