"""coopex: cooperation exchanges. create_app() is the only entry point."""
import os
from pathlib import Path

from flask import Flask

from .config import LANGUAGES, DefaultConfig
from .extensions import babel, csrf, db, limiter, login_manager, migrate

ROOT = Path(__file__).resolve().parent.parent


class ConfigError(RuntimeError):
    """Bad configuration: reported as one line by wsgi.py and the CLI."""


def create_app(test_config=None):
    app = Flask(
        __name__,
        instance_path=os.environ.get("COOPEX_INSTANCE_PATH", str(ROOT / "instance")),
        instance_relative_config=True,
        template_folder=str(ROOT / "templates"),
        static_folder=str(ROOT / "static"),
    )
    _load_config(app, test_config)
    app.extensions["coopex.create_app"] = create_app  # e.g. PDF worker processes build their own app with it
    _init_serving(app)
    _init_extensions(app)
    from . import input_guard

    input_guard.init_app(app)
    app.jinja_env.filters["safe_url"] = input_guard.safe_url
    _register_blueprints(app)
    from . import cli, errors, labels, security

    for module in (security, errors, labels, cli):
        module.init_app(app)
    return app


def _load_config(app, test_config):
    app.config.from_object(DefaultConfig)
    if test_config is None:
        _load_instance_file(app)
        app.config.from_prefixed_env("COOPEX")
        url = os.environ.get("COOPEX_DATABASE_URL") or os.environ.get("DATABASE_URL")
        if url:
            app.config["SQLALCHEMY_DATABASE_URI"] = url
    else:
        app.config.update(test_config)
    if app.config.get("DATABASE_URL") and not app.config.get("SQLALCHEMY_DATABASE_URI"):
        app.config["SQLALCHEMY_DATABASE_URI"] = app.config["DATABASE_URL"]
    uri = app.config.get("SQLALCHEMY_DATABASE_URI")
    if not uri:
        Path(app.instance_path).mkdir(parents=True, exist_ok=True)
        uri = "sqlite:///" + str(Path(app.instance_path) / "coopex.sqlite3")
    app.config["SQLALCHEMY_DATABASE_URI"] = _normalise_db_url(uri)
    _check_config(app)


def _load_instance_file(app):
    path = Path(app.instance_path) / "config.py"
    try:
        app.config.from_pyfile(str(path), silent=True)
    except SyntaxError as exc:
        raise ConfigError(f"{path}:{exc.lineno}: {exc.msg}") from None
    except Exception as exc:  # the file runs arbitrary Python; report its first line only
        raise ConfigError(f"{path}: {type(exc).__name__}: {exc}") from None


def _normalise_db_url(uri):
    if uri.startswith("postgres://"):
        uri = "postgresql://" + uri[len("postgres://"):]
    if uri.startswith("postgresql://"):
        uri = "postgresql+psycopg://" + uri[len("postgresql://"):]
    return uri


def _check_config(app):
    default = app.config.get("BABEL_DEFAULT_LOCALE")
    if default not in LANGUAGES:
        raise ConfigError(
            f"Unknown locale {default!r} in BABEL_DEFAULT_LOCALE; use one of {', '.join(LANGUAGES)}."
        )
    uri = app.config["SQLALCHEMY_DATABASE_URI"]
    if not uri.startswith(("sqlite:", "postgresql")):
        raise ConfigError(f"Unsupported database URL {uri.split(':')[0]!r}: use sqlite:/// or postgresql://.")
    if not app.config.get("SECRET_KEY"):
        raise ConfigError("SECRET_KEY is empty: set it in instance/config.py or COOPEX_SECRET_KEY.")
    if _known_secret(app.config["SECRET_KEY"]) and not app.testing:
        raise ConfigError("SECRET_KEY is the committed default: set COOPEX_SECRET_KEY (or SECRET_KEY in "
                          "instance/config.py) to a random value, e.g. python -c 'import secrets; "
                          "print(secrets.token_hex(32))'.")


def _known_secret(key):
    """The committed default and the example file's placeholder are public, so they sign nothing."""
    return key == DefaultConfig.SECRET_KEY or key.startswith("change me")


def _init_serving(app):
    """Proxy headers, cookie flags and size limits for serving on the internet."""
    hops = int(app.config.get("PROXY_FIX_HOPS") or 0)
    if hops:
        from werkzeug.middleware.proxy_fix import ProxyFix

        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=hops, x_proto=hops, x_host=hops, x_prefix=hops)
    if app.config.get("HTTPS"):
        app.config.update(SESSION_COOKIE_SECURE=True, REMEMBER_COOKIE_SECURE=True, PREFERRED_URL_SCHEME="https")


def _init_extensions(app):
    from . import i18n

    db.init_app(app)
    from .directory.fts import include_name

    migrate.init_app(app, db, directory=str(ROOT / "migrations"), render_as_batch=True, include_name=include_name)
    babel.init_app(app, locale_selector=i18n.select_locale, timezone_selector=i18n.select_timezone,
                   default_translation_directories=str(ROOT / "translations"))
    csrf.init_app(app)
    limiter.init_app(app)
    login_manager.init_app(app)
    i18n.init_app(app)
    from . import models  # noqa: F401  (register every model with the metadata)


# Every feature package, lowest first; each may have `bp` (its blueprint) and `init_app(app)`.
FEATURES = ("main", "accounts", "events", "setup", "jobs", "participants", "meetings", "roster", "planning",
            "agendas", "desk", "outcomes", "people", "directory", "marketplace")


def _register_blueprints(app):
    """Import every feature first, then register: a higher feature may add routes to a lower feature's
    blueprint (e.g. the public event page in app.participants on app.events' bp), which Flask allows only
    before that blueprint is registered."""
    modules = [m for m in (_import_optional(name) for name in FEATURES) if m is not None]
    for module in modules:
        bp = getattr(module, "bp", None)
        if bp is not None:
            app.register_blueprint(bp)
        if hasattr(module, "init_app"):
            module.init_app(app)


def _import_optional(name):
    """Feature packages that exist register their blueprint; a missing one is simply absent."""
    import importlib

    try:
        return importlib.import_module(f"{__name__}.{name}")
    except ModuleNotFoundError as exc:
        if exc.name == f"{__name__}.{name}":
            return None
        raise
