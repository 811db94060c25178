"""WSGI entry point: `app = create_app()`; bad configuration is one line on stderr, exit 2."""
import sys

from app import ConfigError, create_app

try:
    app = create_app()
except ConfigError as exc:
    print(f"coopex: configuration error: {exc}", file=sys.stderr)
    sys.exit(2)
