"""Start the test OpenID provider: `python tests_oidc/provider/run.py PORT CLIENT_ID CLIENT_SECRET REDIRECT_URI`.
Makes a fresh database and RSA key, registers GIPZ as a confidential client (authorization code, PKCE required,
RS256 ID tokens, no consent screen), creates the people in settings.PEOPLE, and serves on 127.0.0.1:PORT."""

import os
import sys
import tempfile
from pathlib import Path

from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import rsa

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))


def main() -> None:
    port, client_id, client_secret, redirect_uri = sys.argv[1:5]
    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    os.environ["PROVIDER_RSA_KEY"] = key.private_bytes(
        serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
    ).decode()
    os.environ["PROVIDER_DB"] = str(Path(tempfile.mkdtemp(prefix="oidc-provider-")) / "db.sqlite3")
    os.environ["DJANGO_SETTINGS_MODULE"] = "provider.settings"
    import django

    django.setup()
    from django.conf import settings
    from django.contrib.auth.models import User
    from django.core.management import call_command
    from oauth2_provider.models import Application

    call_command("migrate", verbosity=0)
    for username, person in settings.PEOPLE.items():
        User.objects.create_user(username=username, password=person["password"])
    Application.objects.create(
        name="GIPZ", client_id=client_id, client_secret=client_secret, redirect_uris=redirect_uri,
        client_type=Application.CLIENT_CONFIDENTIAL, authorization_grant_type=Application.GRANT_AUTHORIZATION_CODE,
        algorithm=Application.RS256_ALGORITHM, skip_authorization=True,
    )  # fmt: skip
    call_command("runserver", f"127.0.0.1:{port}", use_reloader=False, use_threading=True)


if __name__ == "__main__":
    main()
