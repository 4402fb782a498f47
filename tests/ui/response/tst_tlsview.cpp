#include "core/http/httpclient.h"
#include "tests/support/scriptedserver.h"
#include "tests/support/tlsidentity.h"
#include "ui/response/responseviewer.h"
#include "ui/response/timingchart.h"
#include "ui/response/tlsview.h"

#include <QApplication>
#include <QClipboard>
#include <QFrame>
#include <QLabel>
#include <QNetworkAccessManager>
#include <QPushButton>
#include <QSignalSpy>
#include <QSslCertificate>
#include <QTabWidget>
#include <QTest>
#include <QTreeWidget>

using namespace Patchbay::Core;
using namespace Patchbay::Test;
using namespace Patchbay::Ui;

// The TLS tab and the "not verified" warning of the response pane, with a real HTTPS exchange
// and with a chain as the core reports it.
class TestTlsView final : public QObject
{
    Q_OBJECT

private slots:
    // A real exchange with a throwaway certificate, not verified on purpose: the summary strip
    // and the tab warn, say why, and show the certificate the server sent.
    void realExchangeNotVerified()
    {
        const Result<TlsIdentity> identity = generateSelfSignedIdentity();
        QVERIFY(identity.ok());
        ScriptedServer server(identity.value());
        server.setHandler([](const ReceivedRequest &, Connection &c) { c.respond(200, "ok"); });
        QNetworkAccessManager network;
        HttpClient client(&network);
        Request request;
        request.url = server.url().toString();
        request.settings.verifyTls = false;
        std::unique_ptr<HttpCall> call = client.send(request);
        QSignalSpy finished(call.get(), &HttpCall::finished);
        QVERIFY(finished.wait(20000));
        const Response response = finished.first().first().value<Response>();
        QVERIFY2(!response.isError(), qPrintable(response.errorMessage));

        ResponseViewer viewer;
        viewer.resize(900, 600);
        viewer.show();
        viewer.showResponse(response);
        QVERIFY(viewer.tlsWarning()->isVisible());
        QVERIFY(viewer.tlsWarning()->toolTip().contains(QLatin1String("off for this request")));
        QCOMPARE(viewer.tabs()->tabText(ResponseViewer::TlsTab), QStringLiteral("⚠ TLS"));
        viewer.tabs()->setCurrentIndex(ResponseViewer::TlsTab);
        TlsView *tls = viewer.tlsView();
        QVERIFY(tls->isVisible());
        QVERIFY(tls->warning()->isVisible());
        QVERIFY(tls->warningText()->text().contains(QLatin1String("was not verified")));
        QVERIFY(tls->session()->text().contains(QLatin1String("TLSv1.")));
        QCOMPARE(tls->chain()->topLevelItemCount(), 1);
        QTreeWidgetItem *leaf = tls->chain()->topLevelItem(0);
        QCOMPARE(leaf->text(0), QStringLiteral("Server certificate"));
        QCOMPARE(leaf->text(1), QStringLiteral("CN=127.0.0.1"));
        const QString fingerprint = QString::fromLatin1(
            identity->certificate.digest(QCryptographicHash::Sha256).toHex(':').toUpper());
        QVERIFY2(tls->text().contains(QStringLiteral("SHA-256 fingerprint: ") + fingerprint),
                 qPrintable(tls->text()));

        // The PEM of the selected certificate goes to the clipboard, ready to be trusted.
        tls->chain()->setCurrentItem(leaf->child(2));
        QTest::mouseClick(tls->findChild<QPushButton *>(QStringLiteral("copyPem")), Qt::LeftButton);
        QCOMPARE(QSslCertificate(QApplication::clipboard()->text().toLatin1()),
                 identity->certificate);
    }

    // A verified chain: no warning, every certificate with its fields, an expired one marked.
    void verifiedChain()
    {
        TlsInfo tls;
        tls.protocol = QStringLiteral("TLSv1.3");
        tls.cipher = QStringLiteral("TLS_AES_256_GCM_SHA384");
        tls.alpn = QStringLiteral("h2");
        tls.clientCertificate = QStringLiteral("CN=Patchbay test client");
        CertificateInfo leaf;
        leaf.subject = QStringLiteral("CN=localhost, O=Patchbay tests");
        leaf.issuer = QStringLiteral("CN=Intermediate");
        leaf.alternativeNames = {QStringLiteral("DNS:localhost"), QStringLiteral("IP:127.0.0.1")};
        leaf.notBefore = QDateTime::currentDateTimeUtc().addDays(-1);
        leaf.notAfter = QDateTime::currentDateTimeUtc().addDays(30);
        leaf.sha256 = QStringLiteral("AB:CD");
        CertificateInfo old = leaf;
        old.subject = QStringLiteral("CN=Intermediate");
        old.notAfter = QDateTime::currentDateTimeUtc().addDays(-2);
        tls.peerChain = {leaf, old};

        TlsView view;
        view.show();
        view.setTls(tls);
        QVERIFY(!view.warning()->isVisible());
        const QString text = view.text();
        QVERIFY(text.contains(QLatin1String("TLS_AES_256_GCM_SHA384")));
        QVERIFY(text.contains(QLatin1String("h2")));
        QVERIFY(text.contains(QLatin1String("CN=Patchbay test client")));
        QVERIFY(text.contains(QLatin1String("Alternative names: DNS:localhost, IP:127.0.0.1")));
        QCOMPARE(view.chain()->topLevelItemCount(), 2);
        QCOMPARE(view.chain()->topLevelItem(1)->text(0), QStringLiteral("Issuer"));
        QVERIFY(text.contains(QLatin1String("(not valid now)")));
        QCOMPARE(text.count(QLatin1String("(not valid now)")), 1);

        view.setTls(TlsInfo()); // a plain http:// response
        QVERIFY(view.session()->text().contains(QLatin1String("No TLS")));
        QVERIFY(!view.chain()->isVisible());
    }

    void timingNamesTheProxy()
    {
        Timing t;
        t.connectStart = 0.1;
        t.tlsDone = 2;
        t.requestSent = 2.5;
        t.firstByte = 3;
        t.finished = 4;
        const QList<TimingChart::Phase> direct = TimingChart::phasesFor(t);
        QCOMPARE(direct.first().name, QStringLiteral("Connect"));
        const QList<TimingChart::Phase> proxied
            = TimingChart::phasesFor(t, QStringLiteral("http://127.0.0.1:8888"));
        QCOMPARE(proxied.first().name, QStringLiteral("Connect to proxy"));
        QVERIFY(proxied.first().note.contains(QLatin1String("http://127.0.0.1:8888")));
        QVERIFY(proxied.first().note.contains(QLatin1String("tunnel")));
    }
};

QTEST_MAIN(TestTlsView)
#include "tst_tlsview.moc"
