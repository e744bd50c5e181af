"""The ASGI application object for servers: `uvicorn hub.asgi:app`."""

from hub.app import create_app

app = create_app()
