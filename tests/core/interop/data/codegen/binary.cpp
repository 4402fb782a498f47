#include <QCoreApplication>
#include <QDebug>
#include <QFile>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QNetworkRequest>
#include <QUrl>

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    QNetworkAccessManager manager;

    QUrl url(QStringLiteral("https://api.example.com/photos"));
    QNetworkRequest request(url);
    request.setRawHeader("Content-Type", "image/png");
    request.setTransferTimeout(30000);

    QFile file(QStringLiteral("/tmp/photo.png"));
    if (!file.open(QIODevice::ReadOnly))
        qFatal("cannot read %%s", qPrintable(file.fileName()));
    const QByteArray body = file.readAll();
    QNetworkReply *reply = manager.sendCustomRequest(request, "POST", body);
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
