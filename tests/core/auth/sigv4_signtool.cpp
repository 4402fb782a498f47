// Signs the requests described in a JSON file with core/auth's SigV4 signer and prints what it
// produced, for tests/core/auth/sigv4_oracle.py to compare with botocore. Not a test by itself.
//
// Input: a JSON array of cases: {name, method, url, params: [[k, v]], headers: [[k, v]],
// body: {mode: none|text|binary, text, base64, content_type}, access_key, secret_key, token,
// region, service, placement: header|query, unsigned_payload, extra_signed_headers: [..],
// expires, timestamp (ISO 8601, UTC)}.
// Output: a JSON array of {name, ok, error, url, headers: [[k, v]], canonical_request,
// string_to_sign, signature, signed_headers}.

#include "core/auth/awssigv4.h"
#include "core/http/preparedrequest.h"

#include <QCoreApplication>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>

#include <cstdio>

using namespace Patchbay::Core;

namespace {

KeyValueList pairs(const QJsonArray &array)
{
    KeyValueList out;
    for (const QJsonValue &item : array)
        out.append({item.toArray().at(0).toString(), item.toArray().at(1).toString()});
    return out;
}

QJsonObject sign(const QJsonObject &c, const QTemporaryDir &dir, int index)
{
    QJsonObject out {{QStringLiteral("name"), c.value(QLatin1String("name"))}};
    Request request;
    request.method = c.value(QLatin1String("method")).toString();
    request.url = c.value(QLatin1String("url")).toString();
    request.params = pairs(c.value(QLatin1String("params")).toArray());
    request.headers = pairs(c.value(QLatin1String("headers")).toArray());
    const QJsonObject body = c.value(QLatin1String("body")).toObject();
    const QString mode = body.value(QLatin1String("mode")).toString(QStringLiteral("none"));
    request.body.contentType = body.value(QLatin1String("content_type")).toString();
    if (mode == QLatin1String("text")) {
        request.body.mode = BodyMode::Text;
        request.body.text = body.value(QLatin1String("text")).toString();
    } else if (mode == QLatin1String("binary")) {
        request.body.mode = BodyMode::BinaryFile;
        request.body.filePath = dir.filePath(QStringLiteral("body-%1.bin").arg(index));
        QFile file(request.body.filePath);
        if (!file.open(QIODevice::WriteOnly)) {
            out.insert(QStringLiteral("error"), QStringLiteral("cannot write the body file"));
            return out;
        }
        file.write(
            QByteArray::fromBase64(body.value(QLatin1String("base64")).toString().toLatin1()));
    }

    AwsSigV4Config config;
    config.accessKeyId = c.value(QLatin1String("access_key")).toString();
    config.secretAccessKey = c.value(QLatin1String("secret_key")).toString();
    config.sessionToken = c.value(QLatin1String("token")).toString();
    config.region = c.value(QLatin1String("region")).toString();
    config.service = c.value(QLatin1String("service")).toString();
    config.placement = c.value(QLatin1String("placement")).toString() == QLatin1String("query")
        ? AwsSigV4Placement::Query
        : AwsSigV4Placement::Header;
    config.unsignedPayload = c.value(QLatin1String("unsigned_payload")).toBool();
    for (const QJsonValue &name : c.value(QLatin1String("extra_signed_headers")).toArray())
        config.extraSignedHeaders.append(name.toString());
    config.expiresSeconds = c.value(QLatin1String("expires")).toInt(3600);
    SigningInputs inputs;
    inputs.now = QDateTime::fromString(c.value(QLatin1String("timestamp")).toString(), Qt::ISODate);

    const Result<PreparedRequest> prepared = prepareRequest(request);
    if (!prepared) {
        out.insert(QStringLiteral("error"), prepared.error().message);
        return out;
    }
    const Result<AwsSigV4Signature> signature = awsSigV4Signature(*prepared, config, inputs);
    if (!signature) {
        out.insert(QStringLiteral("error"), signature.error().message);
        return out;
    }
    QJsonArray headers;
    for (const PreparedHeader &h : signature->request.headers)
        headers.append(QJsonArray {QString::fromUtf8(h.name), QString::fromUtf8(h.value)});
    out.insert(QStringLiteral("ok"), true);
    out.insert(QStringLiteral("url"), QString::fromUtf8(signature->request.url.toEncoded()));
    out.insert(QStringLiteral("headers"), headers);
    out.insert(QStringLiteral("canonical_request"), QString::fromUtf8(signature->canonicalRequest));
    out.insert(QStringLiteral("string_to_sign"), QString::fromUtf8(signature->stringToSign));
    out.insert(QStringLiteral("signature"), QString::fromLatin1(signature->signature));
    out.insert(QStringLiteral("signed_headers"), QString::fromLatin1(signature->signedHeaders));
    return out;
}

} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    if (argc != 2) {
        std::fprintf(stderr, "usage: %s cases.json\n", argv[0]);
        return 2;
    }
    QFile file(QString::fromLocal8Bit(argv[1]));
    if (!file.open(QIODevice::ReadOnly)) {
        std::fprintf(stderr, "cannot read %s\n", argv[1]);
        return 2;
    }
    QTemporaryDir dir;
    QJsonArray results;
    const QJsonArray cases = QJsonDocument::fromJson(file.readAll()).array();
    for (qsizetype i = 0; i < cases.size(); ++i)
        results.append(sign(cases.at(i).toObject(), dir, int(i)));
    const QByteArray json = QJsonDocument(results).toJson(QJsonDocument::Indented);
    std::fwrite(json.constData(), 1, size_t(json.size()), stdout);
    return 0;
}
