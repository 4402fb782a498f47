#include "core/http/callfailure.h"
#include "core/http/response.h"
#include "core/http/responsebodywriter.h"

#include <QFile>
#include <QTemporaryFile>
#include <QTest>

using namespace Patchbay::Core;

class TestResponse final : public QObject
{
    Q_OBJECT

private slots:
    void bodyInMemory()
    {
        const ResponseBody body(QByteArray("hello world"));
        QVERIFY(!body.isInFile());
        QVERIFY(body.filePath().isEmpty());
        QCOMPARE(body.size(), 11);
        QCOMPARE(body.readAll(), QByteArray("hello world"));
        QCOMPARE(body.peek(5), QByteArray("hello"));
        QCOMPARE(body.peek(100), QByteArray("hello world"));
        const std::unique_ptr<QIODevice> device = body.open();
        QVERIFY(device && device->isReadable());
        QCOMPARE(device->readAll(), QByteArray("hello world"));
        QCOMPARE(body, ResponseBody(QByteArray("hello world")));
        QVERIFY(body != ResponseBody(QByteArray("hello")));
        QCOMPARE(ResponseBody().size(), 0);
    }

    void bodyInFileIsSharedAndRemovedWithTheLastCopy()
    {
        auto file = std::make_shared<QTemporaryFile>();
        QVERIFY(file->open());
        file->write("0123456789");
        file->flush();
        const QString path = file->fileName();

        std::optional<ResponseBody> copy;
        {
            const ResponseBody body = ResponseBody::fromFile(std::move(file));
            QVERIFY(body.isInFile());
            QCOMPARE(body.filePath(), path);
            QCOMPARE(body.size(), 10);
            QCOMPARE(body.readAll(), QByteArray("0123456789"));
            QCOMPARE(body.peek(4), QByteArray("0123"));
            const std::unique_ptr<QIODevice> device = body.open();
            QVERIFY(device);
            QCOMPARE(device->read(3), QByteArray("012"));
            copy = body;
            QCOMPARE(*copy, body); // the same file
            QVERIFY(*copy != ResponseBody(QByteArray("0123456789"))); // file vs memory
        }
        QVERIFY(QFile::exists(path)); // a copy still uses it
        QCOMPARE(copy->readAll(), QByteArray("0123456789"));
        copy.reset();
        QVERIFY(!QFile::exists(path));
    }

    void headerLookup()
    {
        Response response;
        response.headers
            = {{"Content-Type", "application/json"}, {"Set-Cookie", "a=1"}, {"set-cookie", "b=2"}};
        QCOMPARE(response.header("content-type"), QByteArray("application/json"));
        QCOMPARE(response.header("SET-COOKIE"), QByteArray("a=1"));
        QCOMPARE(response.headerValues("Set-Cookie"), (QList<QByteArray> {"a=1", "b=2"}));
        QVERIFY(response.header("X-Missing").isNull());
        QVERIFY(response.headerValues("X-Missing").isEmpty());
        QVERIFY(!response.isError());
        response.errorKind = ErrorKind::Timeout;
        QVERIFY(response.isError());
        Response copy = response;
        QCOMPARE(copy, response);
        copy.timing.firstByte = 3;
        QVERIFY(copy != response);
    }

    void errorKindNamesRoundTrip()
    {
        QSet<QString> names;
        for (int i = int(ErrorKind::None); i <= int(ErrorKind::Other); ++i) {
            const QString name = errorKindName(ErrorKind(i));
            QVERIFY(!names.contains(name));
            names.insert(name);
            QCOMPARE(errorKindFromName(name), ErrorKind(i));
        }
        QCOMPARE(errorKindName(ErrorKind::ConnectionRefused), QStringLiteral("connection-refused"));
        QCOMPARE(errorKindFromName(u"no-such-kind"), ErrorKind::Other);
    }

    void bodyWriterMovesToFilePastThreshold()
    {
        ResponseBodyWriter writer(10);
        QVERIFY(writer.append("0123456789").ok()); // exactly the threshold: still memory
        QVERIFY(!writer.isInFile());
        QVERIFY(writer.append("A").ok());
        QVERIFY(writer.isInFile());
        QVERIFY(writer.append("BC").ok());
        QCOMPARE(writer.size(), 13);
        const ResponseBody body = writer.take();
        QVERIFY(body.isInFile());
        QCOMPARE(body.readAll(), QByteArray("0123456789ABC"));
        QCOMPARE(writer.size(), 0);
        QVERIFY(!writer.isInFile());

        QVERIFY(writer.append("small").ok());
        const ResponseBody small = writer.take();
        QVERIFY(!small.isInFile());
        QCOMPARE(small.readAll(), QByteArray("small"));
    }

    void replyFailureMapping_data()
    {
        QTest::addColumn<int>("code");
        QTest::addColumn<bool>("headersReceived");
        QTest::addColumn<QByteArray>("contentEncoding");
        QTest::addColumn<QString>("qtMessage");
        QTest::addColumn<QStringList>("tlsProblems");
        QTest::addColumn<ErrorKind>("kind");
        QTest::addColumn<QString>("messagePart");

        const QStringList none;
        QTest::newRow("refused") << int(QNetworkReply::ConnectionRefusedError) << false
                                 << QByteArray() << QString() << none
                                 << ErrorKind::ConnectionRefused
                                 << QStringLiteral("Connection refused by 127.0.0.1:1234. Is the "
                                                   "server running and listening on that port?");
        QTest::newRow("host not found")
            << int(QNetworkReply::HostNotFoundError) << false << QByteArray() << QString() << none
            << ErrorKind::HostNotFound << QStringLiteral("The host \"127.0.0.1\" was not found");
        QTest::newRow("transfer timeout")
            << int(QNetworkReply::OperationCanceledError) << false << QByteArray() << QString()
            << none << ErrorKind::Timeout << QStringLiteral("No data moved for 250 ms");
        QTest::newRow("timeout mid-body")
            << int(QNetworkReply::TimeoutError) << true << QByteArray() << QString() << none
            << ErrorKind::Timeout << QStringLiteral("while the response body was arriving");
        QTest::newRow("tls with certificate problem")
            << int(QNetworkReply::SslHandshakeFailedError) << false << QByteArray() << QString()
            << QStringList {QStringLiteral("The certificate is self-signed, and untrusted")}
            << ErrorKind::Tls
            << QStringLiteral("rejected: The certificate is self-signed, and untrusted");
        QTest::newRow("tls handshake")
            << int(QNetworkReply::SslHandshakeFailedError) << false << QByteArray()
            << QStringLiteral("wrong version number") << none << ErrorKind::Tls
            << QStringLiteral("failed: wrong version number");
        QTest::newRow("closed before response")
            << int(QNetworkReply::RemoteHostClosedError) << false << QByteArray() << QString()
            << none << ErrorKind::ConnectionReset
            << QStringLiteral("closed the connection without sending a valid HTTP response");
        QTest::newRow("closed mid-body")
            << int(QNetworkReply::RemoteHostClosedError) << true << QByteArray() << QString()
            << none << ErrorKind::ConnectionReset << QStringLiteral("after 10 of 100 body bytes");
        QTest::newRow("not http") << int(QNetworkReply::ProtocolFailure) << false << QByteArray()
                                  << QStringLiteral("bad status line") << none
                                  << ErrorKind::Protocol
                                  << QStringLiteral("not a valid HTTP response (bad status line)");
        QTest::newRow("bomb") << int(QNetworkReply::ProtocolFailure) << true << QByteArray("gzip")
                              << QStringLiteral(
                                     "Decompression failed: The decompressed output "
                                     "exceeds the limits specified by "
                                     "QNetworkRequest::decompressedSafetyCheckThreshold()")
                              << none << ErrorKind::DecompressionFailed
                              << QStringLiteral("raise \"Max decompressed size\"");
        QTest::newRow("corrupt gzip")
            << int(QNetworkReply::ProtocolFailure) << true << QByteArray("gzip")
            << QStringLiteral("Decompression failed: incorrect header") << none
            << ErrorKind::DecompressionFailed
            << QStringLiteral("does not decode (incorrect header)");
        // Qt 6.4: the same bare message for a corrupt body and a bomb.
        QTest::newRow("qt 6.4 decode failure")
            << int(QNetworkReply::UnknownContentError) << true << QByteArray("br")
            << QStringLiteral("Decompression failed: ") << none << ErrorKind::DecompressionFailed
            << QStringLiteral("either corrupt, or it expanded past "
                              "1.0 GiB");
        QTest::newRow("unknown content without encoding")
            << int(QNetworkReply::UnknownContentError) << true << QByteArray()
            << QStringLiteral("odd") << none << ErrorKind::Other << QStringLiteral("failed: odd");
        QTest::newRow("other") << int(QNetworkReply::UnknownNetworkError) << false << QByteArray()
                               << QStringLiteral("Network unreachable") << none << ErrorKind::Other
                               << QStringLiteral("failed: Network unreachable");
    }

    void replyFailureMapping()
    {
        QFETCH(int, code);
        QFETCH(bool, headersReceived);
        QFETCH(QByteArray, contentEncoding);
        QFETCH(QString, qtMessage);
        QFETCH(QStringList, tlsProblems);
        QFETCH(ErrorKind, kind);
        QFETCH(QString, messagePart);
        ReplyFailure failure;
        failure.code = QNetworkReply::NetworkError(code);
        failure.qtMessage = qtMessage;
        failure.url = QUrl(QStringLiteral("http://127.0.0.1:1234/x"));
        failure.headersReceived = headersReceived;
        failure.contentEncoding = contentEncoding;
        failure.tlsProblems = tlsProblems;
        failure.bodyBytesReceived = 10;
        failure.expectedBodyBytes = 100;
        failure.settings.timeoutMs = 250;
        failure.settings.maxDecompressedBytes = 1LL << 30;
        const CallFailure result = describeReplyFailure(failure);
        QCOMPARE(result.kind, kind);
        QVERIFY2(result.message.contains(messagePart), qPrintable(result.message));
    }

    void httpStatusErrorsAreResponses()
    {
        QVERIFY(isHttpStatusError(QNetworkReply::ContentNotFoundError));
        QVERIFY(isHttpStatusError(QNetworkReply::InternalServerError));
        QVERIFY(isHttpStatusError(QNetworkReply::AuthenticationRequiredError));
        QVERIFY(!isHttpStatusError(QNetworkReply::ConnectionRefusedError));
        QVERIFY(!isHttpStatusError(QNetworkReply::RemoteHostClosedError));
        QVERIFY(!isHttpStatusError(QNetworkReply::ProtocolFailure));
    }

    void otherFailures()
    {
        QCOMPARE(cancelledFailure().kind, ErrorKind::Cancelled);
        const CallFailure redirects
            = tooManyRedirectsFailure(3, QUrl(QStringLiteral("http://h/loop")));
        QCOMPARE(redirects.kind, ErrorKind::TooManyRedirects);
        QVERIFY(redirects.message.contains(QStringLiteral("following 3 redirects")));
        QVERIFY(redirects.message.contains(QStringLiteral("http://h/loop")));
        RequestSettings settings;
        const CallFailure cap = decodedSizeFailure(4LL << 30, "gzip", settings);
        QCOMPARE(cap.kind, ErrorKind::DecompressionFailed);
        QVERIFY2(cap.message.contains(QStringLiteral("4.0 GiB")), qPrintable(cap.message));
        QVERIFY2(cap.message.contains(QStringLiteral("(now 1.0 GiB)")), qPrintable(cap.message));
        QCOMPARE(failureFromError(Error {QStringLiteral("invalid-url"), QStringLiteral("m")}),
                 (CallFailure {ErrorKind::InvalidUrl, QStringLiteral("m")}));
        QCOMPARE(bodyStorageFailure(QStringLiteral("disk full")).kind, ErrorKind::Other);
    }
};

QTEST_GUILESS_MAIN(TestResponse)
#include "tst_response.moc"
