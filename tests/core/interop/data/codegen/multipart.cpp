#include <QCoreApplication>
#include <QDebug>
#include <QFile>
#include <QHttpMultiPart>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QNetworkRequest>
#include <QUrl>

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    QNetworkAccessManager manager;

    QUrl url(QStringLiteral("https://api.example.com/upload"));
    QNetworkRequest request(url);
    request.setTransferTimeout(30000);

    auto *multiPart = new QHttpMultiPart(QHttpMultiPart::FormDataType);
    QHttpPart part1;
    part1.setHeader(QNetworkRequest::ContentDispositionHeader,
                 QStringLiteral("form-data; name=\"title\""));
    part1.setBody("Q3 report");
    multiPart->append(part1);
    QHttpPart part2;
    part2.setHeader(QNetworkRequest::ContentDispositionHeader,
                 QStringLiteral("form-data; name=\"file\"; filename=\"report.csv\""));
    part2.setHeader(QNetworkRequest::ContentTypeHeader, QStringLiteral("text/csv"));
    auto *file2 = new QFile(QStringLiteral("/tmp/report.csv"), multiPart);
    if (!file2->open(QIODevice::ReadOnly))
        qFatal("cannot read %%s", qPrintable(file2->fileName()));
    part2.setBodyDevice(file2);
    multiPart->append(part2);
    QHttpPart part3;
    part3.setHeader(QNetworkRequest::ContentDispositionHeader,
                 QStringLiteral("form-data; name=\"logo\"; filename=\"logo.png\""));
    auto *file3 = new QFile(QStringLiteral("/tmp/logo.png"), multiPart);
    if (!file3->open(QIODevice::ReadOnly))
        qFatal("cannot read %%s", qPrintable(file3->fileName()));
    part3.setBodyDevice(file3);
    multiPart->append(part3);
    QNetworkReply *reply = manager.sendCustomRequest(request, "POST", multiPart);
    multiPart->setParent(reply);
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
