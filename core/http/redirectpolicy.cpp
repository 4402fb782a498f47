#include "core/http/redirectpolicy.h"

namespace Patchbay::Core {

namespace {

int effectivePort(const QUrl &url)
{
    return url.port(url.scheme().compare(QLatin1String("https"), Qt::CaseInsensitive) == 0 ? 443
                                                                                           : 80);
}

bool isHttps(const QUrl &url)
{
    return url.scheme().compare(QLatin1String("https"), Qt::CaseInsensitive) == 0;
}

bool turnsIntoGet(int statusCode, const QString &method)
{
    if (statusCode == 303)
        return method != QLatin1String("GET") && method != QLatin1String("HEAD");
    if (statusCode == 301 || statusCode == 302)
        return method == QLatin1String("POST");
    return false;
}

} // namespace

bool isFollowableRedirect(int statusCode)
{
    switch (statusCode) {
    case 301:
    case 302:
    case 303:
    case 307:
    case 308:
        return true;
    default:
        return false;
    }
}

bool isSameOrigin(const QUrl &a, const QUrl &b)
{
    return a.scheme().compare(b.scheme(), Qt::CaseInsensitive) == 0
        && a.host().compare(b.host(), Qt::CaseInsensitive) == 0
        && effectivePort(a) == effectivePort(b);
}

Result<RedirectStep> planRedirect(const PreparedRequest &current, int statusCode,
                                  const QByteArray &location)
{
    // Servers send absolute or relative references, sometimes with raw UTF-8 or spaces.
    const QUrl reference(QString::fromUtf8(location).trimmed(), QUrl::TolerantMode);
    QUrl target = current.url.resolved(reference);
    const QString scheme = target.scheme().toLower();
    if (location.trimmed().isEmpty() || !reference.isValid() || !target.isValid()
        || (scheme != QLatin1String("http") && scheme != QLatin1String("https"))
        || target.host().isEmpty()) {
        return Error {
            QStringLiteral("protocol"),
            QStringLiteral("%1 answered %2 with the Location \"%3\", which is not an http "
                           "or https URL that Patchbay can follow. Turn off \"Follow "
                           "redirects\" to see the redirect response itself.")
                .arg(current.url.toDisplayString(), QString::number(statusCode),
                     QString::fromUtf8(location))};
    }
    if (isHttps(current.url) && !isHttps(target)) {
        return Error {
            QStringLiteral("insecure-redirect"),
            QStringLiteral("%1 redirected to the unencrypted address %2. Patchbay does not "
                           "follow redirects from https to http because the request and "
                           "its credentials would travel in clear text. Send the request to "
                           "that address yourself if you trust it.")
                .arg(current.url.toDisplayString(), target.toDisplayString())};
    }
    if (!reference.hasFragment() && current.url.hasFragment())
        target.setFragment(current.url.fragment(QUrl::FullyEncoded), QUrl::StrictMode);

    RedirectStep step;
    step.next = current;
    step.next.url = target;
    if (turnsIntoGet(statusCode, current.method)) {
        step.next.method = QStringLiteral("GET");
        step.next.hasBody = false;
        step.next.body.clear();
        for (QByteArrayView bodyHeader : {"Content-Type", "Content-Length", "Content-Encoding",
                                          "Content-Language", "Content-Location"}) {
            step.next.removeHeaders(bodyHeader);
        }
    }
    if (!isSameOrigin(current.url, target)) {
        step.next.headers.removeIf([&](const PreparedHeader &h) {
            if (h.credential && !step.droppedHeaders.contains(h.name))
                step.droppedHeaders.append(h.name);
            return h.credential;
        });
    }
    return step;
}

} // namespace Patchbay::Core
