import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "salestarget.settings")
application = get_wsgi_application()

from salestarget.ops.serving import secret_key_require  # noqa: E402  (needs the apps loaded)

secret_key_require()
