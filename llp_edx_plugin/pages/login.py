"""The standalone ``/login`` page: Django's LoginView, answering 429 to an address that failed too often."""

from django.contrib.auth import views as auth_views
from django.http import HttpRequest, HttpResponse
from django.utils.translation import gettext, gettext_noop

from ..accounts import api as accounts_api

THROTTLED = gettext_noop("Too many failed sign-in attempts. Try again in {minutes} minute(s).")


class LoginView(auth_views.LoginView):
    """Failures are counted by the sign-in backend (every path); a throttled attempt is not even tried."""

    redirect_authenticated_user = True

    def post(self, request: HttpRequest, *args, **kwargs) -> HttpResponse:
        wait = accounts_api.login_retry_after(request, request.POST.get("username"))
        if wait is None:
            return super().post(request, *args, **kwargs)
        form = self.get_form()
        context = self.get_context_data(form=form, throttled=gettext(THROTTLED).format(minutes=-(-wait // 60)))
        response = self.render_to_response(context, status=429)
        response["Retry-After"] = str(wait)
        return response
