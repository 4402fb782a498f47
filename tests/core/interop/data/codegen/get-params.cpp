#include <QCoreApplication>
#include <QDebug>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QNetworkRequest>
#include <QUrl>
#include <QUrlQuery>

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    QNetworkAccessManager manager;

    QUrl url(QStringLiteral("https://api.example.com/users"));
    QUrlQuery query(url);
    query.addQueryItem(QStringLiteral("page"), QStringLiteral("2"));
    query.addQueryItem(QStringLiteral("q"), QStringLiteral("a b&c=d%2Be"));
    query.addQueryItem(QStringLiteral("tag"), QStringLiteral("ünï"));
    query.addQueryItem(QStringLiteral("tag"), QStringLiteral("{{tag}}"));
    url.setQuery(query);
    QNetworkRequest request(url);
    request.setRawHeader("Accept", "application/json");
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
