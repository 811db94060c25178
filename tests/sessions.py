"""Forging a signed-in session in tests, the way Flask-Login and app.security write it at sign-in."""
import time


def sign_in_session(sess, account):
    now = int(time.time())
    sess["_user_id"] = account.get_id()
    sess["_fresh"] = True
    sess["sv"], sess["auth_at"], sess["seen_at"] = account.session_version or 0, now, now
