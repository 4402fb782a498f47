#include "core/auth/authcall.h"
#include "core/http/httpclient.h"
#include "core/json/jsonparser.h"
#include "core/json/jsonwriter.h"
#include "core/sandbox/sandboxserver.h"
#include "tests/support/scriptedserver.h"
#include "ui/common/codeview.h"
#include "ui/update/diffmarkers.h"
#include "ui/update/editresourcedialog.h"

#include <QCheckBox>
#include <QLabel>
#include <QNetworkAccessManager>
#include <QPushButton>
#include <QSignalSpy>
#include <QTabWidget>
#include <QTest>
#include <QTreeWidget>

#include <memory>

using namespace Patchbay;
using Core::JsonValue;
using Core::Request;
using Core::Response;
using Core::UpdateKind;
using Ui::EditResourceDialog;
namespace DiffMarkers = Ui::DiffMarkers;

Q_DECLARE_METATYPE(Patchbay::Core::UpdateKind)

class TestEditResourceDialog final : public QObject
{
    Q_OBJECT

private:
    Request request(const QString &method, const QString &path, const QString &json = {}) const
    {
        Request r;
        r.method = method;
        r.url = m_server.baseUrl().toString() + path;
        if (!json.isNull()) {
            r.body.mode = Core::BodyMode::Json;
            r.body.text = json;
        }
        return r;
    }
    Response sendAndWait(const Request &r)
    {
        std::unique_ptr<Core::HttpCall> call = m_client->send(r);
        QSignalSpy finished(call.get(), &Core::HttpCall::finished);
        if (!finished.wait(20000))
            qWarning("request did not finish");
        return finished.isEmpty() ? Response {} : finished.first().first().value<Response>();
    }
    JsonValue serverUser()
    {
        return Core::parseJson(
                   sendAndWait(request(QStringLiteral("GET"), QStringLiteral("/users/1")))
                       .body.readAll())
            .value();
    }
    // The dialog for /users/1 as a GET returns it now, with the edit applied to its text.
    std::unique_ptr<EditResourceDialog> openDialog()
    {
        const Request get = request(QStringLiteral("GET"), QStringLiteral("/users/1"));
        const Response response = sendAndWait(get);
        auto dialog = std::make_unique<EditResourceDialog>(&m_network, get, response);
        dialog->setConfirmation([this](QWidget *, const QString &, const QStringList &points) {
            m_confirmed.append(points);
            return m_confirmAnswer;
        });
        dialog->show();
        return dialog;
    }
    static QString withMember(const EditResourceDialog &dialog, const QString &key,
                              const JsonValue &value)
    {
        JsonValue doc = Core::parseJson(dialog.editedText().toUtf8()).value();
        doc.insert(key, value);
        return QString::fromUtf8(Core::toJson(doc));
    }
    static QList<int> verifyStatuses(const EditResourceDialog &dialog, const QString &pointer)
    {
        QList<int> out;
        for (const Core::VerifyItem &item : dialog.verifyItems()) {
            if (item.pointer.toString() == pointer)
                out.append(int(item.status));
        }
        return out;
    }

    Core::SandboxServer m_server;
    QNetworkAccessManager m_network;
    std::unique_ptr<Core::HttpClient> m_client;
    QStringList m_confirmed;
    bool m_confirmAnswer = true;

private slots:
    void initTestCase()
    {
        QVERIFY(m_server.start().ok());
        m_client = std::make_unique<Core::HttpClient>(&m_network);
    }
    void init()
    {
        m_server.reset();
        m_confirmed.clear();
        m_confirmAnswer = true;
    }

    void opensWithTheOriginalOnBothSides()
    {
        auto dialog = openDialog();
        QVERIFY(dialog->hasDocument());
        QVERIFY(dialog->originalView()->isReadOnly());
        QVERIFY(!dialog->editor()->isReadOnly());
        QCOMPARE(dialog->editor()->text(), dialog->originalView()->text());
        // Key order as the server sent it: "id" first.
        QVERIFY(dialog->originalView()->text().startsWith(QLatin1String("{\n  \"id\": 1,")));
        QVERIFY(dialog->ifMatchCheck()->isChecked()); // the sandbox sends an ETag
        QVERIFY(dialog->ifMatchCheck()->text().contains(QLatin1String("If-Match: \"")));
        QVERIFY(dialog->verifyCheck()->isChecked());
        QCOMPARE(dialog->editorMessage()->text(), QStringLiteral("No changes yet."));
        QVERIFY(DiffMarkers::linesWith(dialog->editor(), DiffMarkers::Changed).isEmpty());
    }

    void liveMarkersAndPreview_data()
    {
        QTest::addColumn<UpdateKind>("kind");
        QTest::addColumn<QString>("firstLine");
        QTest::addColumn<QString>("bodyPart");
        QTest::newRow("put") << UpdateKind::Put << QStringLiteral("PUT ")
                             << QStringLiteral("\"username\": \"Bret\"");
        QTest::newRow("merge") << UpdateKind::MergePatch << QStringLiteral("PATCH ")
                               << QStringLiteral("Content-Type: application/merge-patch+json");
        QTest::newRow("json patch") << UpdateKind::JsonPatch << QStringLiteral("PATCH ")
                                    << QStringLiteral("\"op\": \"replace\"");
        QTest::newRow("plain") << UpdateKind::PlainPartial << QStringLiteral("PATCH ")
                               << QStringLiteral("Content-Type: application/json\n");
    }
    void liveMarkersAndPreview()
    {
        QFETCH(UpdateKind, kind);
        QFETCH(QString, firstLine);
        QFETCH(QString, bodyPart);
        auto dialog = openDialog();
        dialog->setKind(kind);
        const int emailLine
            = int(dialog->editor()
                      ->text()
                      .left(dialog->editor()->text().indexOf(QLatin1String("\"email\"")))
                      .count(u'\n'));
        dialog->setEditedText(withMember(*dialog, QStringLiteral("email"),
                                         JsonValue::fromString(QStringLiteral("new@x.test"))));
        // Debounced: the markers come a moment later.
        QTRY_COMPARE(DiffMarkers::linesWith(dialog->editor(), DiffMarkers::Changed),
                     QList<int> {emailLine});
        QCOMPARE(DiffMarkers::linesWith(dialog->originalView(), DiffMarkers::Changed),
                 QList<int> {emailLine});
        const QString preview = dialog->previewView()->text();
        QVERIFY2(preview.startsWith(firstLine), qPrintable(preview));
        QVERIFY2(preview.contains(bodyPart), qPrintable(preview));
        QVERIFY(preview.contains(QLatin1String("If-Match: \"")));
        QVERIFY(preview.contains(QLatin1String("new@x.test")));
        QVERIFY(!dialog->warningBanner()->isVisible());
        QCOMPARE(dialog->editorMessage()->text(), QStringLiteral("1 field(s) changed."));
    }

    void invalidJsonSaysWhere()
    {
        auto dialog = openDialog();
        dialog->setEditedText(QStringLiteral("{\n  \"id\": 1,\n}")); // the comma is wrong
        QTRY_VERIFY2(dialog->editorMessage()->text().contains(QLatin1String("line 2, column 10")),
                     qPrintable(dialog->editorMessage()->text()));
        QVERIFY(dialog->editorMessage()->text().contains(QLatin1String("not valid JSON")));
        QVERIFY(!dialog->sendButton()->isEnabled());
        QVERIFY(!dialog->currentPlan().ok());
    }

    void sendMergePatchAndVerify()
    {
        auto dialog = openDialog();
        QSignalSpy exchanges(dialog.get(), &EditResourceDialog::exchangeFinished);
        QSignalSpy finished(dialog.get(), &EditResourceDialog::updateFinished);
        dialog->setKind(UpdateKind::MergePatch);
        dialog->setEditedText(withMember(*dialog, QStringLiteral("email"),
                                         JsonValue::fromString(QStringLiteral("merge@x.test"))));
        dialog->send();
        QVERIFY(finished.wait(20000));
        QCOMPARE(finished.first().first().toInt(), 200);
        QCOMPARE(exchanges.size(), 2); // the PATCH and the verify GET
        const Request sent = exchanges.at(0).at(0).value<Request>();
        QCOMPARE(sent.method, QStringLiteral("PATCH"));
        QCOMPARE(exchanges.at(0).at(1).value<Response>().statusCode, 200);
        QCOMPARE(exchanges.at(1).at(0).value<Request>().method, QStringLiteral("GET"));
        QCOMPARE(serverUser().value(u"email").toString(), QStringLiteral("merge@x.test"));

        QCOMPARE(dialog->tabs()->currentWidget(), dialog->verifyPage());
        QCOMPARE(verifyStatuses(*dialog, QStringLiteral("/email")),
                 QList<int> {int(Core::VerifyItem::Status::Applied)});
        QCOMPARE(dialog->verifyTree()->topLevelItemCount(), dialog->verifyItems().size());
        QCOMPARE(dialog->verifyTree()->topLevelItem(0)->text(0), QStringLiteral("/email"));
        // The server's version is the new baseline; the next update is protected again.
        QCOMPARE(dialog->original().value(u"email").toString(), QStringLiteral("merge@x.test"));
        QVERIFY(dialog->ifMatchCheck()->isChecked());
        dialog->setEditedText(withMember(*dialog, QStringLiteral("phone"),
                                         JsonValue::fromString(QStringLiteral("123"))));
        finished.clear();
        dialog->send();
        QVERIFY(finished.wait(20000));
        QCOMPARE(finished.first().first().toInt(), 200);
        QCOMPARE(serverUser().value(u"phone").toString(), QStringLiteral("123"));
    }

    // The workbench sent its GETs and updates with HttpClient::send, which knows nothing of
    // OAuth 2.0 or signatures: against an OAuth 2.0 API every update was a 401.
    void updatesGoOutWithTheRequestsAuth()
    {
        using Patchbay::Test::Connection;
        using Patchbay::Test::ReceivedRequest;
        Patchbay::Test::ScriptedServer api;
        QVERIFY(api.isListening());
        QByteArray resource = R"({"id":1,"name":"Ann"})";
        QList<QByteArray> seen; // "METHOD Authorization" of each API request
        api.setHandler([&](const ReceivedRequest &r, Connection &c) {
            const QByteArray json = "application/json";
            if (r.path() == "/token") {
                c.respond(200, R"({"access_token":"tok-1","token_type":"Bearer"})",
                          {{"Content-Type", json}});
                return;
            }
            seen.append(r.method + ' ' + r.header("Authorization"));
            if (r.header("Authorization") != "Bearer tok-1") {
                c.respond(401, "no token");
                return;
            }
            if (r.method == "PUT")
                resource = r.body;
            c.respond(200, resource, {{"Content-Type", json}});
        });
        Request get;
        get.url = api.url(QStringLiteral("/things/1")).toString();
        get.auth.mode = Core::AuthMode::OAuth2;
        get.auth.oauth2.grant = Core::OAuth2Grant::ClientCredentials;
        get.auth.oauth2.tokenUrl = api.url(QStringLiteral("/token")).toString();
        get.auth.oauth2.clientId = QStringLiteral("app");
        get.auth.oauth2.clientSecret = QStringLiteral("secret");
        const Core::AuthCall::Context context {m_client.get(), {}, nullptr};
        auto fetch = Core::AuthCall::send(context, get);
        QSignalSpy fetched(fetch.get(), &Core::AuthCall::finished);
        QVERIFY(fetched.wait(20000));
        const Response response = fetched.first().first().value<Response>();
        QCOMPARE(response.statusCode, 200);

        EditResourceDialog dialog(&m_network, get, response);
        dialog.setAuthContext(context);
        dialog.setConfirmation(
            [](QWidget *, const QString &, const QStringList &) { return true; });
        QSignalSpy finished(&dialog, &EditResourceDialog::updateFinished);
        dialog.setKind(UpdateKind::Put);
        dialog.setEditedText(withMember(dialog, QStringLiteral("name"),
                                        JsonValue::fromString(QStringLiteral("Bo"))));
        dialog.send();
        QVERIFY(finished.wait(20000));
        QCOMPARE(finished.first().first().toInt(), 200);
        QVERIFY2(seen.contains("PUT Bearer tok-1"), seen.join(", ").constData());
        QVERIFY(Core::parseJson(resource).value().value(u"name").toString() == QLatin1String("Bo"));
        for (const QByteArray &line : seen)
            QVERIFY2(line.endsWith(" Bearer tok-1"), line.constData());
    }

    void putDroppingFieldsAsksFirst()
    {
        auto dialog = openDialog();
        dialog->setKind(UpdateKind::Put);
        JsonValue doc = Core::parseJson(dialog->editedText().toUtf8()).value();
        doc.remove(u"website");
        dialog->setEditedText(QString::fromUtf8(Core::toJson(doc)));
        QTRY_VERIFY(dialog->warningBanner()->isVisible());
        QVERIFY2(dialog->warningBanner()->text().contains(QLatin1String("/website")),
                 qPrintable(dialog->warningBanner()->text()));

        QSignalSpy exchanges(dialog.get(), &EditResourceDialog::exchangeFinished);
        m_confirmAnswer = false;
        dialog->send();
        QCOMPARE(m_confirmed.size(), 1);
        QVERIFY(m_confirmed.first().contains(QLatin1String("PUT replaces the whole resource")));
        QVERIFY(!dialog->isBusy()); // declined: nothing sent
        QVERIFY(serverUser().contains(u"website"));

        m_confirmAnswer = true;
        QSignalSpy finished(dialog.get(), &EditResourceDialog::updateFinished);
        dialog->send();
        QVERIFY(finished.wait(20000));
        QVERIFY(!serverUser().contains(u"website"));
        QCOMPARE(verifyStatuses(*dialog, QStringLiteral("/website")),
                 QList<int> {int(Core::VerifyItem::Status::Applied)});
    }

    void preconditionFailedIsResolved_data()
    {
        QTest::addColumn<QString>("theirKey");
        QTest::addColumn<bool>("conflict");
        QTest::newRow("they changed another field") << QStringLiteral("phone") << false;
        QTest::newRow("they changed the same field") << QStringLiteral("name") << true;
    }
    void preconditionFailedIsResolved()
    {
        QFETCH(QString, theirKey);
        QFETCH(bool, conflict);
        auto dialog = openDialog();
        dialog->setKind(UpdateKind::MergePatch);
        dialog->setEditedText(withMember(*dialog, QStringLiteral("name"),
                                         JsonValue::fromString(QStringLiteral("Mine"))));

        // Someone else updates the resource behind the dialog's back.
        const Response theirs
            = sendAndWait(request(QStringLiteral("PATCH"), QStringLiteral("/users/1"),
                                  QStringLiteral("{\"%1\": \"Theirs\"}").arg(theirKey)));
        QCOMPARE(theirs.statusCode, 200);

        QSignalSpy exchanges(dialog.get(), &EditResourceDialog::exchangeFinished);
        QSignalSpy finished(dialog.get(), &EditResourceDialog::updateFinished);
        dialog->send();
        QVERIFY(finished.wait(20000));
        QCOMPARE(finished.first().first().toInt(), 412);
        QCOMPARE(dialog->tabs()->currentWidget(), dialog->conflictPage());
        // The re-fetch shows their version and enables the retry.
        QTRY_VERIFY_WITH_TIMEOUT(dialog->reapplyButton()->isEnabled(), 20000);
        QCOMPARE(exchanges.size(), 2);
        QCOMPARE(exchanges.at(0).at(1).value<Response>().statusCode, 412);
        QVERIFY(dialog->theirsView()->text().contains(QLatin1String("\"Theirs\"")));
        QVERIFY(dialog->conflictLabel()->text().contains(QLatin1String("412")));
        QCOMPARE(dialog->conflictLabel()->text().contains(QLatin1String("You both changed /name")),
                 conflict);
        QCOMPARE(serverUser().value(u"name").toString(),
                 conflict ? QStringLiteral("Theirs") : QStringLiteral("Leanne Graham"));

        finished.clear();
        dialog->reapplyAndRetry();
        QCOMPARE(m_confirmed.size(), conflict ? 1 : 0);
        QVERIFY(finished.wait(20000));
        QCOMPARE(finished.first().first().toInt(), 200);
        const JsonValue now = serverUser();
        QCOMPARE(now.value(u"name").toString(), QStringLiteral("Mine"));
        if (!conflict) // their change survived
            QCOMPARE(now.value(u"phone").toString(), QStringLiteral("Theirs"));
        QCOMPARE(verifyStatuses(*dialog, QStringLiteral("/name")),
                 QList<int> {int(Core::VerifyItem::Status::Applied)});
    }

    void openAsRequest()
    {
        auto dialog = openDialog();
        dialog->setKind(UpdateKind::JsonPatch);
        dialog->setEditedText(withMember(*dialog, QStringLiteral("name"),
                                         JsonValue::fromString(QStringLiteral("X"))));
        QSignalSpy open(dialog.get(), &EditResourceDialog::openAsRequestRequested);
        dialog->openAsRequestButton()->click();
        QCOMPARE(open.size(), 1);
        const Request r = open.first().first().value<Request>();
        QCOMPARE(r.method, QStringLiteral("PATCH"));
        QCOMPARE(r.url, m_server.baseUrl().toString() + QStringLiteral("/users/1"));
        QVERIFY(r.body.text.contains(QLatin1String("\"path\": \"/name\"")));
    }

    void nonJsonCannotBeEdited()
    {
        Response response;
        response.statusCode = 200;
        response.body = Core::ResponseBody(QByteArray("<html>"));
        EditResourceDialog dialog(
            &m_network, request(QStringLiteral("GET"), QStringLiteral("/users/1")), response);
        QVERIFY(!dialog.hasDocument());
        QVERIFY(!dialog.sendButton()->isEnabled());
        QVERIFY(dialog.editor()->isReadOnly());
        QVERIFY(dialog.editorMessage()->text().contains(QLatin1String("line 1, column 1")));
    }
};

QTEST_MAIN(TestEditResourceDialog)
#include "tst_editresourcedialog.moc"
