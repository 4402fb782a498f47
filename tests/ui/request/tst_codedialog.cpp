#include "ui/common/codeview.h"
#include "ui/request/codedialog.h"

#include <QCheckBox>
#include <QClipboard>
#include <QComboBox>
#include <QCoreApplication>
#include <QGuiApplication>
#include <QLabel>
#include <QPushButton>
#include <QSettings>
#include <QSignalSpy>
#include <QTest>

using namespace Patchbay::Core;
using Patchbay::Ui::CodeDialog;

Q_DECLARE_METATYPE(Patchbay::Core::CodeLanguage)

class TestCodeDialog final : public QObject
{
    Q_OBJECT

private:
    static Request patchRequest()
    {
        Request r;
        r.method = QStringLiteral("PATCH");
        r.url = QStringLiteral("https://api.example.com/users/{{id}}");
        r.body.mode = BodyMode::Json;
        r.body.text = QStringLiteral("{\"email\": \"a@b.c\"}");
        return r;
    }

private slots:
    void initTestCase()
    {
        QCoreApplication::setOrganizationName(QStringLiteral("PatchbayTests"));
        QCoreApplication::setApplicationName(QStringLiteral("tst_codedialog"));
        QSettings().clear();
    }

    void showsTheCodeOfTheChosenLanguage_data()
    {
        QTest::addColumn<CodeLanguage>("language");
        QTest::addColumn<QString>("marker");
        QTest::newRow("python") << CodeLanguage::PythonRequests
                                << QStringLiteral("requests.patch(");
        QTest::newRow("curl") << CodeLanguage::Curl << QStringLiteral("curl -X PATCH");
        QTest::newRow("httpie") << CodeLanguage::Httpie << QStringLiteral("-- PATCH");
        QTest::newRow("fetch") << CodeLanguage::JavaScriptFetch << QStringLiteral("await fetch(");
        QTest::newRow("qt") << CodeLanguage::CppQt << QStringLiteral("sendCustomRequest(");
    }
    void showsTheCodeOfTheChosenLanguage()
    {
        QFETCH(CodeLanguage, language);
        QFETCH(QString, marker);
        CodeDialog dialog(patchRequest());
        auto *combo = dialog.findChild<QComboBox *>(QStringLiteral("language"));
        QVERIFY(combo);
        // Switch the way a user does: through the combo box.
        combo->setCurrentIndex(combo->findData(languageKey(language)));
        QCOMPARE(dialog.language(), language);
        const QString expected = generateCode(patchRequest(), language).value();
        QCOMPARE(dialog.code(), expected);
        auto *view = dialog.findChild<Patchbay::Ui::CodeView *>(QStringLiteral("code"));
        QVERIFY(view);
        QVERIFY(view->isReadOnly());
        QCOMPARE(QString::fromUtf8(view->utf8Text()), expected);
        QVERIFY(expected.contains(marker));
        QVERIFY(expected.contains(QLatin1String("{{id}}")));
    }

    void copyPutsTheCodeOnTheClipboard()
    {
        CodeDialog dialog(patchRequest());
        dialog.setLanguage(CodeLanguage::Curl);
        QGuiApplication::clipboard()->setText(QStringLiteral("before"));
        QSignalSpy copied(&dialog, &CodeDialog::copied);
        auto *copy = dialog.findChild<QPushButton *>(QStringLiteral("copy"));
        QVERIFY(copy);
        QTest::mouseClick(copy, Qt::LeftButton);
        QCOMPARE(copied.size(), 1);
        QCOMPARE(QGuiApplication::clipboard()->text(), dialog.code());
        QVERIFY(dialog.code().startsWith(QLatin1String("curl -X PATCH")));
    }

    void remembersTheLastLanguage()
    {
        {
            CodeDialog dialog(patchRequest());
            dialog.setLanguage(CodeLanguage::Httpie);
        }
        CodeDialog again(patchRequest());
        QCOMPARE(again.language(), CodeLanguage::Httpie);
        QVERIFY(again.code().startsWith(QLatin1String("http ")));
    }

    void invalidRequestDisablesCopy()
    {
        Request bad = patchRequest();
        bad.method = QStringLiteral("NOT A VERB");
        CodeDialog dialog(bad);
        auto *copy = dialog.findChild<QPushButton *>(QStringLiteral("copy"));
        QVERIFY(copy);
        QVERIFY(!copy->isEnabled());
        QVERIFY(dialog.code().contains(QLatin1String("not a valid HTTP method")));
        dialog.setRequest(patchRequest());
        QVERIFY(copy->isEnabled());
    }

    // Secrets: looked up from the environment unless "Include secret values" is ticked.
    void secretsAreLookupsUntilIncluded()
    {
        Request withLookups = patchRequest();
        withLookups.auth.mode = AuthMode::Bearer;
        withLookups.auth.token = secretPlaceholder(0);
        Request withValues = withLookups;
        withValues.auth.token = QStringLiteral("s3cr3t");
        CodeDialog dialog(withLookups);
        QVERIFY(dialog.includeSecretsBox()->isHidden()); // no secret: nothing to include
        dialog.setSecrets({{secretPlaceholder(0), QStringLiteral("API_TOKEN")}}, withValues);
        dialog.setLanguage(CodeLanguage::Curl);
        QVERIFY(!dialog.includeSecretsBox()->isHidden());
        QVERIFY(!dialog.includeSecretsBox()->isChecked());
        QVERIFY(dialog.code().contains(QLatin1String("\"$API_TOKEN\"")));
        QVERIFY(!dialog.code().contains(QLatin1String("s3cr3t")));
        auto *note = dialog.findChild<QLabel *>(QStringLiteral("note"));
        QVERIFY(note && note->text().contains(QLatin1String("API_TOKEN")));
        dialog.includeSecretsBox()->setChecked(true);
        QVERIFY(dialog.code().contains(QLatin1String("s3cr3t")));
        QVERIFY(note->text().contains(QLatin1String("contains secret values")));
    }
};

QTEST_MAIN(TestCodeDialog)
#include "tst_codedialog.moc"
