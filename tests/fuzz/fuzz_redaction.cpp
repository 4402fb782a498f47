// History redaction (core/history/redaction.h).
// The input describes a request, one item per line:
//   line 1: the URL
//   "=VALUE": the value of a secret variable the request used
//   "@bearer T", "@basic USER:PASS", "@apikey NAME=VALUE" (a "?" before NAME: query): auth
//   "Name: value": a header; "name=value": a query parameter
//   after the first empty line: the body text
// Checks: redactSecrets() and redactUrl() are idempotent (documented); auth secrets are gone;
// redactValues() leaves none of the secret values in any field it covers.
#include "core/history/redaction.h"
#include "tests/fuzz/fuzzsupport.h"

#include <QStringList>

using namespace Patchbay::Core;
using namespace Patchbay::Fuzz;

namespace {

struct Parsed
{
    Request request;
    QStringList secretValues;
};

Parsed parse(const QString &text)
{
    Parsed p;
    const QStringList lines = text.split(u'\n');
    p.request.url = lines.value(0);
    for (qsizetype i = 1; i < lines.size(); ++i) {
        const QString &line = lines.at(i);
        if (line.isEmpty()) {
            p.request.body.mode = BodyMode::Text;
            p.request.body.text = lines.mid(i + 1).join(u'\n');
            break;
        }
        if (line.startsWith(u'=')) {
            p.secretValues << line.mid(1);
        } else if (line.startsWith(u"@bearer ")) {
            p.request.auth.mode = AuthMode::Bearer;
            p.request.auth.token = line.mid(8);
        } else if (line.startsWith(u"@basic ")) {
            p.request.auth.mode = AuthMode::Basic;
            p.request.auth.username = line.mid(7).section(u':', 0, 0);
            p.request.auth.password = line.mid(7).section(u':', 1);
        } else if (line.startsWith(u"@apikey ")) {
            QString spec = line.mid(8);
            p.request.auth.mode = AuthMode::ApiKey;
            if (spec.startsWith(u'?')) {
                p.request.auth.keyLocation = ApiKeyLocation::Query;
                spec.remove(0, 1);
            }
            p.request.auth.keyName = spec.section(u'=', 0, 0);
            p.request.auth.keyValue = spec.section(u'=', 1);
        } else if (const qsizetype colon = line.indexOf(u':'); colon > 0) {
            p.request.headers << KeyValue {line.left(colon), line.mid(colon + 1).trimmed()};
        } else {
            p.request.params << KeyValue {line.section(u'=', 0, 0), line.section(u'=', 1)};
        }
    }
    return p;
}

QStringList fieldsOf(const Request &r)
{
    QStringList fields {r.url,        r.body.text,    r.auth.username, r.auth.password,
                        r.auth.token, r.auth.keyName, r.auth.keyValue};
    for (const KeyValueList *list : {&r.params, &r.headers}) {
        for (const KeyValue &row : *list)
            fields << row.name << row.value;
    }
    return fields;
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (tooLarge(size, 4096))
        return -1;
    const Parsed p = parse(QString::fromUtf8(bytes(data, size)));
    const QString marker = redactionMarker();

    const Request once = redactSecrets(p.request);
    FUZZ_CHECK(
        redactSecrets(once) == once,
        QStringLiteral("redactSecrets is not idempotent for %1").arg(excerpt(p.request.url)));
    const QString url = redactUrl(p.request.url);
    FUZZ_CHECK(redactUrl(url) == url,
               QStringLiteral("redactUrl is not idempotent: %1 -> %2 -> %3")
                   .arg(excerpt(p.request.url), excerpt(url), excerpt(redactUrl(url))));
    for (const QString *secret : {&once.auth.password, &once.auth.token, &once.auth.keyValue}) {
        FUZZ_CHECK(secret->isEmpty() || *secret == marker,
                   QStringLiteral("an auth secret was kept: %1").arg(excerpt(*secret)));
    }

    HttpHeaderList raw;
    for (const KeyValue &h : p.request.headers)
        raw.append(HttpHeader {h.name.toLatin1(), h.value.toUtf8()});
    const HttpHeaderList rawOnce = redactSecrets(raw);
    FUZZ_CHECK(redactSecrets(rawOnce) == rawOnce,
               QStringLiteral("redactSecrets(headers) is not idempotent"));

    const Request byValue = redactValues(p.request, p.secretValues);
    const QStringList fields = fieldsOf(byValue);
    for (const QString &secret : p.secretValues) {
        // A value made of the marker's bullet can be formed by the marker itself.
        if (secret.isEmpty() || secret.contains(marker.at(0)))
            continue;
        for (const QString &field : fields) {
            FUZZ_CHECK(
                !field.contains(secret),
                QStringLiteral("secret value %1 left in %2").arg(excerpt(secret), excerpt(field)));
        }
        FUZZ_CHECK(!redactValues(p.request.body.text, p.secretValues).contains(secret),
                   QStringLiteral("secret value %1 left in text").arg(excerpt(secret)));
    }
    return 0;
}
