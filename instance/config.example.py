# Copy to instance/config.py and adjust. Environment variables COOPEX_<NAME> override these.
SECRET_KEY = "change me: python -c 'import secrets; print(secrets.token_hex(32))'"
# SQLALCHEMY_DATABASE_URI = "postgresql://coopex:secret@localhost/coopex"   # default: SQLite in instance/
# SMTP_HOST = "smtp.example.org"; SMTP_PORT = 587; SMTP_USER = "…"; SMTP_PASSWORD = "…"; SMTP_STARTTLS = True
# MAIL_FROM = "Kooperationsbörse <boerse@example.org>"
# SERVER_NAME_FOR_LINKS = "https://coopex.example.org"
# RATELIMIT_STORAGE_URI = "memory://"   # with several app processes use a shared store
