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

    QUrl url(QStringLiteral("https://api.example.com/me"));
    QNetworkRequest request(url);
    request.setRawHeader("Authorization",
                         "Basic " + QByteArray("ada:s3cr:et").toBase64());
    request.setTransferTimeout(30000);

    QNetworkReply *reply = manager.sendCustomRequest(request, "GET");
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
