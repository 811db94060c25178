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
    RATELIMIT_MEETING_REQUEST = "60 per hour"  # per IP (Flask-Limiter) and per participant (database)
    # Limits counted in the database, so they hold across processes and behind a proxy (app/accounts/limits.py)
    LOGIN_LOCKOUT = "10 per 15 minutes"  # failed sign-ins per account (e-mail) before it is locked for the window
    SIGNIN_LINKS_PER_ADDRESS = "5 per hour"  # e-mailed sign-in links (and registration mails) per address
    PASSWORD_RESETS_PER_ADDRESS = "5 per hour"
    PASSWORD_RESET_MAX_AGE = 60 * 60  # seconds a password-reset link stays valid (single use)
    # Sessions end after this much inactivity / this long after signing in, whatever happens in between
    SESSION_IDLE_MINUTES = 120
    SESSION_ABSOLUTE_HOURS = 12
    PARTICIPANT_SESSION_IDLE_MINUTES = 24 * 60  # participants sign in by e-mailed link, on their phones at the event
    PARTICIPANT_SESSION_ABSOLUTE_HOURS = 7 * 24
    # E-mail: with no SMTP host, messages are written to instance/outbox/ as .eml files.
    SMTP_HOST = None
    SMTP_PORT = 25
    SMTP_USER = None
    SMTP_PASSWORD = None
    SMTP_STARTTLS = False
    MAIL_FROM = "coopex <noreply@coopex.localhost>"
    SIGNIN_TOKEN_MAX_AGE = 60 * 60 * 24  # seconds an e-mailed sign-in link stays valid
    SERIES_INVITATION_MAX_AGE = 60 * 60 * 24 * 60  # seconds an invitation to the next event of a series works
    SERIES_OPT_OUT_MAX_AGE = 60 * 60 * 24 * 400    # the "no more invitations" link in it works longer
    SERVER_NAME_FOR_LINKS = "http://127.0.0.1:5000"  # base of links in e-mails and PDFs
    # Serving. Behind a reverse proxy set PROXY_FIX_HOPS to the number of proxies that add X-Forwarded-*;
    # with HTTPS = True cookies are Secure and HSTS is sent (the proxy terminates TLS).
    PROXY_FIX_HOPS = 0
    HTTPS = False
    MAX_CONTENT_LENGTH = 8 * 1024 * 1024  # bytes per request: the largest upload is an XLSX participant list
    XLSX_MAX_UNCOMPRESSED = 50 * 1024 * 1024  # bytes an uploaded XLSX may unpack to (zip-bomb guard)
    SOLVER_TIME_LIMIT_S = 30
    SOLVER_WORKERS = 2
