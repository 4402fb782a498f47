#include <QCoreApplication>
#include <QDebug>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QNetworkRequest>
#include <QUrl>

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    QNetworkAccessManager manager;

    QUrl url(QStringLiteral("https://api.example.com/users/1"));
    QNetworkRequest request(url);
    request.setRawHeader("Content-Type", "application/json");
    request.setTransferTimeout(30000);

    const QByteArray body = "{\n"
        "  \"email\": \"new@example.com\",\n"
        "  \"active\": true,\n"
        "  \"score\": 1.50,\n"
        "  \"manager\": null,\n"
        "  \"tags\": [\"a\", \"b\"],\n"
        "  \"address\": {\"city\": \"Zürich\", \"zip\": \"8000\"}\n"
        "}";
    QNetworkReply *reply = manager.sendCustomRequest(request, "PATCH", body);
    QObject::connect(reply, &QNetworkReply::finished, &app, [reply] {
        reply->deleteLater();
        const QVariant status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute);
        if (!status.isValid()) {
            qWarning().noquote() << reply->errorString();
            QCoreApplication::exit(1);
            return;
        }
        qInfo().noquote() << status.toInt() << QString::fromUtf8(reply->readAll());
        QCoreApplication::exit(status.toInt() < 400 ? 0 : 1);
    });
    return app.exec();
}
