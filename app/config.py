"""Committed, safe defaults. Overridden by instance/config.py, then by COOPEX_* environment variables."""

LANGUAGES = ("cs", "de", "en")


class DefaultConfig:
    SECRET_KEY = "dev-only-change-me"  # refused outside tests: set COOPEX_SECRET_KEY or instance/config.py
    SQLALCHEMY_DATABASE_URI = None  # None -> sqlite:///<instance>/coopex.sqlite3
    SQLALCHEMY_ENGINE_OPTIONS = {"pool_pre_ping": True}
    BABEL_DEFAULT_LOCALE = "en"
    BABEL_DEFAULT_TIMEZONE = "UTC"
    COOPEX_LANGUAGES = LANGUAGES
    WTF_CSRF_TIME_LIMIT = None  # tokens live as long as the session
    SESSION_COOKIE_HTTPONLY = True
    SESSION_COOKIE_SAMESITE = "Lax"
    REMEMBER_COOKIE_SAMESITE = "Lax"
    RATELIMIT_STORAGE_URI = "memory://"
    RATELIMIT_HEADERS_ENABLED = True
    RATELIMIT_LOGIN = "10 per minute"
    RATELIMIT_PUBLIC_FORM = "20 per hour"
    RATELIMIT_MEETING_REQUEST = "60 per hour"
    # E-mail: with no SMTP host, messages are written to instance/outbox/ as .eml files.
    SMTP_HOST = None
    SMTP_PORT = 25
    SMTP_USER = None
    SMTP_PASSWORD = None
    SMTP_STARTTLS = False
    MAIL_FROM = "coopex <noreply@coopex.localhost>"
    SIGNIN_TOKEN_MAX_AGE = 60 * 60 * 24  # seconds an e-mailed sign-in link stays valid
    SERVER_NAME_FOR_LINKS = "http://127.0.0.1:5000"  # base of links in e-mails and PDFs
    # Serving. Behind a reverse proxy set PROXY_FIX_HOPS to the number of proxies that add X-Forwarded-*;
    # with HTTPS = True cookies are Secure and HSTS is sent (the proxy terminates TLS).
    PROXY_FIX_HOPS = 0
    HTTPS = False
    MAX_CONTENT_LENGTH = 8 * 1024 * 1024  # bytes per request: the largest upload is an XLSX participant list
    XLSX_MAX_UNCOMPRESSED = 50 * 1024 * 1024  # bytes an uploaded XLSX may unpack to (zip-bomb guard)
    SOLVER_TIME_LIMIT_S = 30
    SOLVER_WORKERS = 2
