#include "ui/request/requesteditor.h"

#include "ui/request/jsonbodyeditor.h"
#include "ui/request/keyvaluemodel.h"
#include "ui/request/keyvaluetableview.h"
#include "ui/request/multipartfieldseditor.h"

#include <Qsci/qsciscintilla.h>

#include <QAbstractButton>
#include <QAction>
#include <QApplication>
#include <QCheckBox>
#include <QClipboard>
#include <QComboBox>
#include <QCompleter>
#include <QLabel>
#include <QLineEdit>
#include <QMainWindow>
#include <QMessageBox>
#include <QPushButton>
#include <QSignalSpy>
#include <QTabWidget>
#include <QTableWidget>
#include <QTest>
#include <QTimer>
#include <QVBoxLayout>

using namespace Patchbay;
using Patchbay::Ui::RequestEditor;

namespace {

QString describe(const Core::Request &r)
{
    QStringList lines;
    lines << QStringLiteral("method=") + r.method << QStringLiteral("url=") + r.url;
    for (const Core::KeyValue &kv : r.params)
        lines << QStringLiteral("param %1=%2 %3").arg(kv.name, kv.value).arg(kv.enabled);
    for (const Core::KeyValue &kv : r.headers)
        lines << QStringLiteral("header %1: %2 %3").arg(kv.name, kv.value).arg(kv.enabled);
    lines << QStringLiteral("body.mode=%1").arg(int(r.body.mode))
          << QStringLiteral("body.text=") + r.body.text
          << QStringLiteral("body.contentType=") + r.body.contentType
          << QStringLiteral("body.filePath=") + r.body.filePath;
    for (const Core::KeyValue &kv : r.body.formFields)
        lines << QStringLiteral("form %1=%2 %3").arg(kv.name, kv.value).arg(kv.enabled);
    for (const Core::MultipartField &f : r.body.multipartFields)
        lines << QStringLiteral("part %1=%2 file=%3 type=%4 %5")
                     .arg(f.name, f.value)
                     .arg(f.isFile)
                     .arg(f.contentType)
                     .arg(f.enabled);
    lines << QStringLiteral("auth=%1 %2:%3 token=%4 key=%5:%6@%7")
                 .arg(int(r.auth.mode))
                 .arg(r.auth.username, r.auth.password, r.auth.token, r.auth.keyName,
                      r.auth.keyValue)
                 .arg(int(r.auth.keyLocation));
    lines << QStringLiteral("timeout=%1 follow=%2 max=%3 tls=%4 stream=%5 decompressed=%6")
                 .arg(r.settings.timeoutMs)
                 .arg(r.settings.followRedirects)
                 .arg(r.settings.maxRedirects)
                 .arg(r.settings.verifyTls)
                 .arg(r.settings.streamToFileThreshold)
                 .arg(r.settings.maxDecompressedBytes);
    return lines.join(u'\n');
}

template<typename T> T *child(QWidget *parent, const char *name)
{
    T *w = parent->findChild<T *>(QString::fromLatin1(name));
    if (!w)
        qWarning("no child %s", name);
    return w;
}

QStringList automaticHeaderLines(QTableWidget *table)
{
    QStringList lines;
    for (int row = 0; row < table->rowCount(); ++row)
        lines << table->item(row, 1)->text() + QStringLiteral(": ") + table->item(row, 2)->text();
    return lines;
}

} // namespace

class TestRequestEditor final : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void cleanup();

    void typingUrlWithQueryFillsParams();
    void editingParamRewritesQuery();
    void keyWithoutValueStaysAsWritten();
    void disablingParamKeepsRowButDropsItFromUrl();
    void typingInUrlKeepsTheTextAsTyped();
    void chooseMethod_data();
    void chooseMethod();
    void jsonBodyAndCtrlEnterSends();
    void invalidJsonShowsPositionAndUnderline();
    void formatKeepsNumbersAndKeyOrder();
    void formatLeavesInvalidJsonAlone();
    void largeBodyIsValidatedToo();
    void headerCompletion_data();
    void headerCompletion();
    void confirmSendIfInvalid();
    void pasteCurlFillsRequest();
    void pasteBrokenCurlShowsError();
    void multipartRows();
    void authModes_data();
    void authModes();
    void automaticHeaders();
    void headerTitleCounts();
    void tlsOffShowsWarning();
    void busyTurnsSendIntoCancel();
    void keysWinOverWindowShortcuts();
    void tabLeavesTheTable();
    void roundTrip_data();
    void roundTrip();
    void queryInSetRequestBecomesParams();

private:
    RequestEditor *m_editor = nullptr;
    QLineEdit *url() const { return child<QLineEdit>(m_editor, "urlEdit"); }
    Ui::KeyValueModel *paramsModel() const
    {
        return child<Ui::KeyValueTableView>(m_editor, "paramsTable")->keyValueModel();
    }
    QsciScintilla *bodyText() const
    {
        return child<Ui::JsonBodyEditor>(m_editor, "bodyEditor")->textEditor();
    }
    QLabel *bodyStatus() const { return child<QLabel>(m_editor, "bodyStatus"); }
    QTabWidget *tabs() const { return child<QTabWidget>(m_editor, "requestTabs"); }
    void chooseBodyMode(const QString &text);
    void typeBody(const QString &text);
};

void TestRequestEditor::init()
{
    m_editor = new RequestEditor;
    m_editor->resize(900, 600);
    m_editor->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_editor));
    m_editor->activateWindow();
    QVERIFY(QTest::qWaitForWindowActive(m_editor));
}

void TestRequestEditor::cleanup()
{
    delete m_editor;
    m_editor = nullptr;
}

void TestRequestEditor::chooseBodyMode(const QString &text)
{
    tabs()->setCurrentIndex(2);
    auto *mode = child<QComboBox>(m_editor, "bodyModeCombo");
    const int index = mode->findText(text);
    QVERIFY(index >= 0);
    // Keyboard selection, as a user without a mouse would.
    mode->setFocus();
    while (mode->currentIndex() < index)
        QTest::keyClick(mode, Qt::Key_Down);
    while (mode->currentIndex() > index)
        QTest::keyClick(mode, Qt::Key_Up);
    QCOMPARE(mode->currentText(), text);
}

void TestRequestEditor::typeBody(const QString &text)
{
    QsciScintilla *editor = bodyText();
    editor->setFocus();
    QTRY_VERIFY(editor->hasFocus());
    // keyClicks() cannot type a newline; Return does (and QScintilla then auto-indents).
    const QStringList lines = text.split(u'\n');
    for (qsizetype i = 0; i < lines.size(); ++i) {
        if (i > 0)
            QTest::keyClick(editor, Qt::Key_Return);
        QTest::keyClicks(editor, lines.at(i));
    }
}

void TestRequestEditor::typingUrlWithQueryFillsParams()
{
    QTest::keyClicks(url(), QStringLiteral("https://api.example.com/items?page=2&q=a%20b+c"));
    const Core::KeyValueList expected = {{QStringLiteral("page"), QStringLiteral("2"), true},
                                         {QStringLiteral("q"), QStringLiteral("a b c"), true}};
    QCOMPARE(paramsModel()->rows(), expected);
    QCOMPARE(tabs()->tabText(0), QStringLiteral("Params (2)"));
    const Core::Request r = m_editor->request();
    QCOMPARE(r.url, QStringLiteral("https://api.example.com/items"));
    QCOMPARE(r.params, expected);
}

void TestRequestEditor::editingParamRewritesQuery()
{
    QTest::keyClicks(url(), QStringLiteral("https://api.example.com/items?page=2&q=x#top"));
    auto *view = child<Ui::KeyValueTableView>(m_editor, "paramsTable");
    tabs()->setCurrentIndex(0);
    QSignalSpy changed(m_editor, &RequestEditor::requestChanged);

    // Edit the value of the first row in its editor, as a user would.
    const QModelIndex value = paramsModel()->index(0, Ui::KeyValueModel::ValueColumn);
    view->setFocus();
    view->setCurrentIndex(value);
    view->edit(value);
    auto *editor = qobject_cast<QLineEdit *>(view->indexWidget(value));
    QVERIFY(editor);
    editor->selectAll();
    QTest::keyClicks(editor, QStringLiteral("3&4"));
    QTest::keyClick(editor, Qt::Key_Return);
    // The delegate commits on Return through a queued call.
    QTRY_COMPARE(url()->text(), QStringLiteral("https://api.example.com/items?page=3%264&q=x#top"));
    QVERIFY(changed.count() >= 1);

    // A new row typed into the empty last row is appended to the query.
    const QModelIndex name = paramsModel()->index(2, Ui::KeyValueModel::NameColumn);
    view->setCurrentIndex(name);
    view->edit(name);
    editor = qobject_cast<QLineEdit *>(view->indexWidget(name));
    QVERIFY(editor);
    QTest::keyClicks(editor, QStringLiteral("sort"));
    QTest::keyClick(editor, Qt::Key_Return);
    QTRY_COMPARE(url()->text(),
                 QStringLiteral("https://api.example.com/items?page=3%264&q=x&sort=#top"));
    QCOMPARE(m_editor->request().url, QStringLiteral("https://api.example.com/items#top"));

    // Deleting a row removes it from the URL.
    view->setFocus();
    view->setCurrentIndex(paramsModel()->index(1, Ui::KeyValueModel::NameColumn));
    QTest::keyClick(view, Qt::Key_Delete);
    QCOMPARE(url()->text(), QStringLiteral("https://api.example.com/items?page=3%264&sort=#top"));
}

// ?flag&x=1 (item 6 of issue 12): the key without a value is a row without one, and stays
// without '=' when the URL is written back from the rows.
void TestRequestEditor::keyWithoutValueStaysAsWritten()
{
    QTest::keyClicks(url(), QStringLiteral("https://x.example/items?flag&x=1&empty="));
    const Core::KeyValueList expected = {{QStringLiteral("flag"), QString(), true, false},
                                         {QStringLiteral("x"), QStringLiteral("1"), true, true},
                                         {QStringLiteral("empty"), QString(), true, true}};
    QCOMPARE(paramsModel()->rows(), expected);
    QCOMPARE(m_editor->request().params, expected);

    // An edit of another row rewrites the query; the flag keeps its form.
    QVERIFY(paramsModel()->setData(paramsModel()->index(1, Ui::KeyValueModel::ValueColumn),
                                   QStringLiteral("2")));
    QCOMPARE(url()->text(), QStringLiteral("https://x.example/items?flag&x=2&empty="));
    // A value typed for the flag gives it one.
    QVERIFY(paramsModel()->setData(paramsModel()->index(0, Ui::KeyValueModel::ValueColumn),
                                   QStringLiteral("on")));
    QCOMPARE(url()->text(), QStringLiteral("https://x.example/items?flag=on&x=2&empty="));

    // A request opened with such a row shows it in the URL as written.
    Core::Request request;
    request.url = QStringLiteral("https://x.example/items");
    request.params = {{QStringLiteral("flag"), QString(), true, false}};
    m_editor->setRequest(request);
    QCOMPARE(url()->text(), QStringLiteral("https://x.example/items?flag"));
    QCOMPARE(m_editor->request(), request);
}

void TestRequestEditor::disablingParamKeepsRowButDropsItFromUrl()
{
    QTest::keyClicks(url(), QStringLiteral("https://x.example/?a=1&b=2"));
    QVERIFY(paramsModel()->setData(paramsModel()->index(0, Ui::KeyValueModel::EnabledColumn),
                                   Qt::Unchecked, Qt::CheckStateRole));
    QCOMPARE(url()->text(), QStringLiteral("https://x.example/?b=2"));
    QCOMPARE(tabs()->tabText(0), QStringLiteral("Params (1)"));
    const Core::KeyValueList expected = {{QStringLiteral("a"), QStringLiteral("1"), false},
                                         {QStringLiteral("b"), QStringLiteral("2"), true}};
    QCOMPARE(m_editor->request().params, expected);

    // Typing in the URL again keeps the disabled row where it was.
    url()->setFocus();
    url()->end(false);
    QTest::keyClicks(url(), QStringLiteral("&c=3"));
    const Core::KeyValueList after = {{QStringLiteral("a"), QStringLiteral("1"), false},
                                      {QStringLiteral("b"), QStringLiteral("2"), true},
                                      {QStringLiteral("c"), QStringLiteral("3"), true}};
    QCOMPARE(paramsModel()->rows(), after);
}

void TestRequestEditor::typingInUrlKeepsTheTextAsTyped()
{
    const QString typed = QStringLiteral("https://x.example/p?b=%7E&flag&a=1+1");
    QTest::keyClicks(url(), typed);
    QCOMPARE(url()->text(), typed);
    // Type in the middle: the cursor stays where the user types.
    url()->setCursorPosition(int(typed.indexOf(QLatin1String("/p?"))) + 2);
    QTest::keyClicks(url(), QStringLiteral("ath"));
    QCOMPARE(url()->text(), QStringLiteral("https://x.example/path?b=%7E&flag&a=1+1"));
    QCOMPARE(url()->cursorPosition(), int(typed.indexOf(QLatin1String("/p?"))) + 5);
    const Core::KeyValueList expected = {{QStringLiteral("b"), QStringLiteral("~"), true},
                                         {QStringLiteral("flag"), QString(), true, false},
                                         {QStringLiteral("a"), QStringLiteral("1 1"), true}};
    QCOMPARE(paramsModel()->rows(), expected);
}

void TestRequestEditor::chooseMethod_data()
{
    QTest::addColumn<QString>("typed");
    QTest::addColumn<QString>("method");
    QTest::newRow("patch lower case") << QStringLiteral("patch") << QStringLiteral("PATCH");
    QTest::newRow("custom verb") << QStringLiteral("purge") << QStringLiteral("PURGE");
    QTest::newRow("space rejected") << QStringLiteral("PU T") << QStringLiteral("PUT");
    QTest::newRow("colon rejected") << QStringLiteral("GET:") << QStringLiteral("GET");
}

void TestRequestEditor::chooseMethod()
{
    QFETCH(QString, typed);
    QFETCH(QString, method);
    auto *combo = child<QComboBox>(m_editor, "methodCombo");
    combo->setFocus();
    combo->lineEdit()->selectAll();
    QTest::keyClicks(combo->lineEdit(), typed);
    QCOMPARE(combo->currentText(), method);
    QCOMPARE(m_editor->request().method, method);
}

void TestRequestEditor::jsonBodyAndCtrlEnterSends()
{
    QTest::keyClicks(url(), QStringLiteral("https://x.example/items/1"));
    auto *combo = child<QComboBox>(m_editor, "methodCombo");
    combo->setCurrentIndex(combo->findText(QStringLiteral("PATCH")));
    chooseBodyMode(QStringLiteral("JSON"));
    typeBody(QStringLiteral("{\"price\": 1.50}"));

    const Core::Request r = m_editor->request();
    QCOMPARE(r.method, QStringLiteral("PATCH"));
    QCOMPARE(r.body.mode, Core::BodyMode::Json);
    QCOMPARE(r.body.text, QStringLiteral("{\"price\": 1.50}"));
    QTRY_COMPARE(bodyStatus()->text(), QStringLiteral("Valid JSON"));

    QSignalSpy send(m_editor, &RequestEditor::sendRequested);
    QTest::keyClick(bodyText(), Qt::Key_Return, Qt::ControlModifier);
    QCOMPARE(send.count(), 1);
    QTest::keyClick(url(), Qt::Key_Enter, Qt::ControlModifier);
    QCOMPARE(send.count(), 2);
    // The body did not get a newline from Ctrl+Return.
    QCOMPARE(m_editor->request().body.text, QStringLiteral("{\"price\": 1.50}"));
}

void TestRequestEditor::invalidJsonShowsPositionAndUnderline()
{
    chooseBodyMode(QStringLiteral("JSON"));
    typeBody(QStringLiteral("{\n\"a\": 1,\n}"));
    QTRY_VERIFY2(bodyStatus()->text().startsWith(QStringLiteral("2:7 ")),
                 qPrintable(bodyStatus()->text()));
    // The error position (the trailing comma) carries the red squiggle indicator (number 8).
    const long errorPos = bodyText()->SendScintilla(QsciScintilla::SCI_POSITIONFROMLINE, 1) + 6;
    QCOMPARE(bodyText()->SendScintilla(QsciScintilla::SCI_INDICATORVALUEAT, 8, errorPos), 1L);
    QCOMPARE(bodyText()->SendScintilla(QsciScintilla::SCI_INDICATORVALUEAT, 8, 0L), 0L);

    // Fixing it clears both.
    QTest::keyClick(bodyText(), Qt::Key_Up);
    QTest::keyClick(bodyText(), Qt::Key_End);
    QTest::keyClick(bodyText(), Qt::Key_Backspace);
    QTRY_COMPARE(bodyStatus()->text(), QStringLiteral("Valid JSON"));
    QCOMPARE(bodyText()->SendScintilla(QsciScintilla::SCI_INDICATORVALUEAT, 8, errorPos - 1), 0L);
}

void TestRequestEditor::formatKeepsNumbersAndKeyOrder()
{
    chooseBodyMode(QStringLiteral("JSON"));
    typeBody(QStringLiteral("{\"zeta\":1.50,\"alpha\":[1e3,-0.0],\"mid\":{\"k\":true}}"));
    // Cursor right after "alpha" key's opening quote-pair, to check it stays nearby.
    bodyText()->SendScintilla(QsciScintilla::SCI_GOTOPOS, 18L); // inside "alpha"
    QTest::keyClick(bodyText(), Qt::Key_F, Qt::ControlModifier | Qt::ShiftModifier);
    const QString text = m_editor->request().body.text;
    QCOMPARE(text,
             QStringLiteral("{\n  \"zeta\": 1.50,\n  \"alpha\": [\n    1e3,\n    -0.0\n  ],\n  "
                            "\"mid\": {\n    \"k\": true\n  }\n}"));
    int line = 0, index = 0;
    bodyText()->getCursorPosition(&line, &index);
    QCOMPARE(line, 2); // still on the "alpha" line

    // One undo step brings the original back.
    bodyText()->undo();
    QCOMPARE(m_editor->request().body.text,
             QStringLiteral("{\"zeta\":1.50,\"alpha\":[1e3,-0.0],\"mid\":{\"k\":true}}"));

    // The public slot formats as well.
    m_editor->formatBody();
    QVERIFY(m_editor->request().body.text.contains(QStringLiteral("\n  \"zeta\": 1.50,\n")));
}

void TestRequestEditor::formatLeavesInvalidJsonAlone()
{
    chooseBodyMode(QStringLiteral("JSON"));
    typeBody(QStringLiteral("{\"a\":01}"));
    m_editor->formatBody();
    QCOMPARE(m_editor->request().body.text, QStringLiteral("{\"a\":01}"));
    QVERIFY2(bodyStatus()->text().startsWith(QStringLiteral("1:")),
             qPrintable(bodyStatus()->text()));
}

void TestRequestEditor::largeBodyIsValidatedToo()
{
    // Past kSyncValidationBytes the check runs on a worker thread; the result still arrives.
    QString big = QStringLiteral("[");
    while (big.size() <= Ui::JsonBodyEditor::kSyncValidationBytes)
        big += QStringLiteral("12345678,");
    big += u']';
    Core::Request r;
    r.body.mode = Core::BodyMode::Json;
    r.body.text = big;
    m_editor->setRequest(r);
    QTRY_VERIFY2(bodyStatus()->text().startsWith(QStringLiteral("1:%1 ").arg(big.size() - 1)),
                 qPrintable(bodyStatus()->text()));
    r.body.text.chop(2);
    r.body.text += u']';
    m_editor->setRequest(r);
    QTRY_COMPARE(bodyStatus()->text(), QStringLiteral("Valid JSON"));
}

void TestRequestEditor::headerCompletion_data()
{
    QTest::addColumn<QString>("name"); // empty: complete the name column
    QTest::addColumn<QString>("prefix");
    QTest::addColumn<QString>("expected");
    QTest::newRow("name") << QString() << QStringLiteral("if-") << QStringLiteral("If-Match");
    QTest::newRow("content type value")
        << QStringLiteral("Content-Type") << QStringLiteral("application/merge")
        << QStringLiteral("application/merge-patch+json");
    QTest::newRow("cache control value")
        << QStringLiteral("cache-control") << QStringLiteral("no-c") << QStringLiteral("no-cache");
    QTest::newRow("authorization value")
        << QStringLiteral("Authorization") << QStringLiteral("Bea") << QStringLiteral("Bearer ");
}

void TestRequestEditor::headerCompletion()
{
    QFETCH(QString, name);
    QFETCH(QString, prefix);
    QFETCH(QString, expected);

    tabs()->setCurrentIndex(1);
    auto *view = child<Ui::KeyValueTableView>(m_editor, "headersTable");
    Ui::KeyValueModel *model = view->keyValueModel();
    int column = Ui::KeyValueModel::NameColumn;
    if (!name.isEmpty()) {
        model->setData(model->index(0, Ui::KeyValueModel::NameColumn), name);
        column = Ui::KeyValueModel::ValueColumn;
    }
    const QModelIndex index = model->index(0, column);
    view->setFocus();
    view->setCurrentIndex(index);
    view->edit(index);
    auto *editor = qobject_cast<QLineEdit *>(view->indexWidget(index));
    QVERIFY(editor);
    QVERIFY(editor->completer());
    editor->completer()->setCompletionPrefix(prefix);
    QCOMPARE(editor->completer()->currentCompletion(), expected);
}

void TestRequestEditor::confirmSendIfInvalid()
{
    // Valid or non-JSON bodies never ask.
    QVERIFY(m_editor->confirmSendIfInvalid());
    chooseBodyMode(QStringLiteral("JSON"));
    typeBody(QStringLiteral("{\"a\": }"));

    for (const bool sendAnyway : {true, false}) {
        QString shownText;
        QTimer::singleShot(0, this, [&] {
            auto *box = qobject_cast<QMessageBox *>(QApplication::activeModalWidget());
            QVERIFY(box);
            shownText = box->text();
            const QList<QAbstractButton *> buttons = box->buttons();
            for (QAbstractButton *button : buttons) {
                const bool isSend = box->buttonRole(button) == QMessageBox::AcceptRole;
                if (isSend == sendAnyway)
                    button->click();
            }
        });
        QCOMPARE(m_editor->confirmSendIfInvalid(), sendAnyway);
        QVERIFY2(shownText.startsWith(QStringLiteral("The JSON body is not valid (1:7 ")),
                 qPrintable(shownText));
        QVERIFY(shownText.endsWith(QStringLiteral("). Send anyway?")));
    }
    // Text mode does not validate.
    chooseBodyMode(QStringLiteral("Text"));
    QVERIFY(m_editor->confirmSendIfInvalid());
}

void TestRequestEditor::pasteCurlFillsRequest()
{
    QSignalSpy changed(m_editor, &RequestEditor::requestChanged);
    QGuiApplication::clipboard()->setText(
        QStringLiteral("curl -X PUT 'https://api.example.com/items/7?dry=1' \\\n"
                       "  -H 'Content-Type: application/json' \\\n"
                       "  -H 'If-Match: \"v3\"' \\\n"
                       "  -u ann:secret -k -L \\\n"
                       "  --data-raw '{\"name\": \"lamp\", \"price\": 12.50}'"));
    url()->setFocus();
    QTest::keyClick(url(), Qt::Key_V, Qt::ControlModifier);

    const Core::Request r = m_editor->request();
    QCOMPARE(r.method, QStringLiteral("PUT"));
    QCOMPARE(r.url, QStringLiteral("https://api.example.com/items/7"));
    QCOMPARE(url()->text(), QStringLiteral("https://api.example.com/items/7?dry=1"));
    const Core::KeyValueList params = {{QStringLiteral("dry"), QStringLiteral("1"), true}};
    QCOMPARE(r.params, params);
    const Core::KeyValueList headers
        = {{QStringLiteral("If-Match"), QStringLiteral("\"v3\""), true}};
    QCOMPARE(r.headers, headers);
    QCOMPARE(r.body.mode, Core::BodyMode::Json);
    QCOMPARE(r.body.text, QStringLiteral("{\"name\": \"lamp\", \"price\": 12.50}"));
    QCOMPARE(r.auth.mode, Core::AuthMode::Basic);
    QCOMPARE(r.auth.username, QStringLiteral("ann"));
    QCOMPARE(r.auth.password, QStringLiteral("secret"));
    QVERIFY(!r.settings.verifyTls);
    QVERIFY(r.settings.followRedirects);
    QVERIFY(changed.count() >= 1);
    QCOMPARE(tabs()->currentIndex(), 2); // the body tab shows what arrived
    QVERIFY(child<QWidget>(m_editor, "tlsWarning")->isVisible());
    QVERIFY(child<QWidget>(m_editor, "importNotice")->isVisible());
}

void TestRequestEditor::pasteBrokenCurlShowsError()
{
    QGuiApplication::clipboard()->setText(QStringLiteral("curl -d '{ https://x.example/"));
    url()->setFocus();
    QTest::keyClick(url(), Qt::Key_V, Qt::ControlModifier);
    auto *notice = child<QWidget>(m_editor, "importNotice");
    QVERIFY(notice->isVisible());
    QVERIFY(notice->findChild<QLabel *>()->text().contains(QStringLiteral("unterminated")));
    QCOMPARE(m_editor->request().url, QString());
}

void TestRequestEditor::multipartRows()
{
    chooseBodyMode(QStringLiteral("Multipart form"));
    auto *editor = child<Ui::MultipartFieldsEditor>(m_editor, "multipartEditor");
    QTableWidget *table = editor->table();
    QCOMPARE(table->rowCount(), 1); // the empty row for a new part
    table->item(0, Ui::MultipartFieldsEditor::NameColumn)->setText(QStringLiteral("photo"));
    QCOMPARE(table->rowCount(), 2);
    table->item(0, Ui::MultipartFieldsEditor::ValueColumn)->setText(QStringLiteral("/tmp/p.png"));
    QVERIFY(!table->cellWidget(0, Ui::MultipartFieldsEditor::BrowseColumn));
    auto *type
        = qobject_cast<QComboBox *>(table->cellWidget(0, Ui::MultipartFieldsEditor::TypeColumn));
    QVERIFY(type);
    type->setCurrentIndex(1); // File
    QVERIFY(table->cellWidget(0, Ui::MultipartFieldsEditor::BrowseColumn));
    const QList<Core::MultipartField> expected
        = {{QStringLiteral("photo"), QStringLiteral("/tmp/p.png"), true, QString(), true}};
    QCOMPARE(m_editor->request().body.multipartFields, expected);
    QCOMPARE(m_editor->request().body.mode, Core::BodyMode::Multipart);

    // Delete removes the part, the empty row stays.
    table->setFocus();
    table->selectRow(0);
    QTest::keyClick(table, Qt::Key_Delete);
    QCOMPARE(table->rowCount(), 1);
    QVERIFY(m_editor->request().body.multipartFields.isEmpty());
}

void TestRequestEditor::authModes_data()
{
    QTest::addColumn<QString>("mode");
    QTest::addColumn<QStringList>("fields"); // objectName=text
    QTest::addColumn<int>("location");
    QTest::addColumn<Core::Auth>("expected");

    Core::Auth basic;
    basic.mode = Core::AuthMode::Basic;
    basic.username = QStringLiteral("ann");
    basic.password = QStringLiteral("p w");
    QTest::newRow("basic") << QStringLiteral("Basic")
                           << QStringList {QStringLiteral("basicUser=ann"),
                                           QStringLiteral("basicPassword=p w")}
                           << 0 << basic;
    Core::Auth bearer;
    bearer.mode = Core::AuthMode::Bearer;
    bearer.token = QStringLiteral("abc.def");
    QTest::newRow("bearer") << QStringLiteral("Bearer token")
                            << QStringList {QStringLiteral("bearerToken=abc.def")} << 0 << bearer;
    Core::Auth header;
    header.mode = Core::AuthMode::ApiKey;
    header.keyName = QStringLiteral("X-Key");
    header.keyValue = QStringLiteral("k1");
    QTest::newRow("api key header")
        << QStringLiteral("API key")
        << QStringList {QStringLiteral("apiKeyName=X-Key"), QStringLiteral("apiKeyValue=k1")} << 0
        << header;
    Core::Auth query = header;
    query.keyLocation = Core::ApiKeyLocation::Query;
    QTest::newRow("api key query")
        << QStringLiteral("API key")
        << QStringList {QStringLiteral("apiKeyName=X-Key"), QStringLiteral("apiKeyValue=k1")} << 1
        << query;
    Core::Auth none;
    none.mode = Core::AuthMode::None; // an explicit "no auth": the parent's is not used
    QTest::newRow("none") << QStringLiteral("No auth") << QStringList {} << 0 << none;
    Core::Auth inherit; // the default
    QTest::newRow("inherit") << QStringLiteral("Inherit from parent") << QStringList {} << 0
                             << inherit;
}

void TestRequestEditor::authModes()
{
    QFETCH(QString, mode);
    QFETCH(QStringList, fields);
    QFETCH(int, location);
    QFETCH(Core::Auth, expected);

    tabs()->setCurrentIndex(3);
    auto *combo = child<QComboBox>(m_editor, "authModeCombo");
    combo->setCurrentIndex(combo->findText(mode));
    for (const QString &field : fields) {
        auto *edit = child<QLineEdit>(m_editor, qPrintable(field.section(u'=', 0, 0)));
        QVERIFY(edit->isVisible());
        edit->setFocus();
        QTest::keyClicks(edit, field.section(u'=', 1));
    }
    child<QComboBox>(m_editor, "apiKeyLocation")->setCurrentIndex(location);
    QCOMPARE(m_editor->request().auth, expected);
    if (expected.mode == Core::AuthMode::Basic) {
        auto *password = child<QLineEdit>(m_editor, "basicPassword");
        QCOMPARE(password->echoMode(), QLineEdit::Password);
        password->findChild<QAction *>(QStringLiteral("revealAction"))->trigger();
        QCOMPARE(password->echoMode(), QLineEdit::Normal);
    }
}

void TestRequestEditor::automaticHeaders()
{
    QTest::keyClicks(url(), QStringLiteral("https://x.example/"));
    chooseBodyMode(QStringLiteral("JSON"));
    typeBody(QStringLiteral("{\"a\":1}"));
    tabs()->setCurrentIndex(3);
    auto *combo = child<QComboBox>(m_editor, "authModeCombo");
    combo->setCurrentIndex(combo->findText(QStringLiteral("Bearer token")));
    auto *token = child<QLineEdit>(m_editor, "bearerToken");
    token->setFocus();
    QTest::keyClicks(token, QStringLiteral("tok"));

    tabs()->setCurrentIndex(1);
    auto *table = child<QTableWidget>(m_editor, "automaticHeaders");
    QTRY_VERIFY(automaticHeaderLines(table).contains(QStringLiteral("Authorization: Bearer tok")));
    const QStringList lines = automaticHeaderLines(table);
    QVERIFY2(lines.contains(QStringLiteral("Content-Type: application/json")),
             qPrintable(lines.join(u'\n')));
    QVERIFY(lines.contains(QStringLiteral("Content-Length: 7")));
    QVERIFY(!(table->item(0, 0)->flags() & Qt::ItemIsEditable));

    // A user Content-Type replaces the automatic one.
    auto *headers = child<Ui::KeyValueTableView>(m_editor, "headersTable")->keyValueModel();
    headers->setData(headers->index(0, Ui::KeyValueModel::NameColumn),
                     QStringLiteral("Content-Type"));
    headers->setData(headers->index(0, Ui::KeyValueModel::ValueColumn),
                     QStringLiteral("application/merge-patch+json"));
    QTRY_VERIFY(
        !automaticHeaderLines(table).contains(QStringLiteral("Content-Type: application/json")));
}

void TestRequestEditor::headerTitleCounts()
{
    Core::Request r;
    r.url = QStringLiteral("https://x.example/");
    r.headers = {{QStringLiteral("A"), QStringLiteral("1"), true},
                 {QStringLiteral("B"), QStringLiteral("2"), true},
                 {QStringLiteral("C"), QStringLiteral("3"), false},
                 {QStringLiteral("D"), QStringLiteral("4"), true}};
    m_editor->setRequest(r);
    QCOMPARE(tabs()->tabText(1), QStringLiteral("Headers (3)"));
    QCOMPARE(tabs()->tabText(0), QStringLiteral("Params"));
}

void TestRequestEditor::tlsOffShowsWarning()
{
    auto *banner = child<QWidget>(m_editor, "tlsWarning");
    QVERIFY(!banner->isVisible());
    tabs()->setCurrentIndex(4);
    auto *verify = child<QCheckBox>(m_editor, "verifyTls");
    QVERIFY(verify->isChecked());
    QTest::mouseClick(verify, Qt::LeftButton, {}, QPoint(8, verify->height() / 2));
    QVERIFY(!verify->isChecked());
    QVERIFY(banner->isVisible());
    QVERIFY(banner->findChild<QLabel *>()->text().contains(
        QStringLiteral("TLS certificate verification is off: responses could come from an "
                       "impostor")));
    QVERIFY(!m_editor->request().settings.verifyTls);
    tabs()->setCurrentIndex(0);
    QVERIFY(banner->isVisible()); // not only on the settings tab
    tabs()->setCurrentIndex(4);
    QTest::mouseClick(verify, Qt::LeftButton, {}, QPoint(8, verify->height() / 2));
    QVERIFY(!banner->isVisible());
}

void TestRequestEditor::busyTurnsSendIntoCancel()
{
    auto *send = child<QPushButton>(m_editor, "sendButton");
    QSignalSpy sent(m_editor, &RequestEditor::sendRequested);
    QSignalSpy cancelled(m_editor, &RequestEditor::cancelRequested);
    QTest::mouseClick(send, Qt::LeftButton);
    QCOMPARE(sent.count(), 1);

    m_editor->setBusy(true);
    QCOMPARE(send->text(), QStringLiteral("Cancel"));
    QTest::keyClick(url(), Qt::Key_Return, Qt::ControlModifier); // no second request in flight
    QCOMPARE(sent.count(), 1);
    QTest::keyClick(url(), Qt::Key_Escape);
    QCOMPARE(cancelled.count(), 1);
    QTest::mouseClick(send, Qt::LeftButton);
    QCOMPARE(cancelled.count(), 2);

    m_editor->setBusy(false);
    QCOMPARE(send->text(), QStringLiteral("Send"));
    QTest::keyClick(url(), Qt::Key_Escape);
    QCOMPARE(cancelled.count(), 2);
}

void TestRequestEditor::keysWinOverWindowShortcuts()
{
    // Alone, the editor sends on Ctrl+Enter and cancels on Esc itself.
    {
        RequestEditor alone;
        alone.show();
        QVERIFY(QTest::qWaitForWindowActive(&alone));
        QSignalSpy sends(&alone, &RequestEditor::sendRequested);
        auto *aloneUrl = alone.findChild<QLineEdit *>(QStringLiteral("urlEdit"));
        aloneUrl->setFocus();
        QTest::keyClick(aloneUrl, Qt::Key_Return, Qt::ControlModifier);
        QCOMPARE(sends.count(), 1);
    }
    // In a main window binding the same keys, as Patchbay's does, the window's action acts:
    // one binding per key, so a press is never "ambiguous", and never handled twice.
    QMainWindow window;
    auto *editor = new RequestEditor(&window);
    auto *outside = new QLineEdit(&window);
    auto *central = new QWidget(&window);
    auto *layout = new QVBoxLayout(central);
    layout->addWidget(editor);
    layout->addWidget(outside);
    window.setCentralWidget(central);
    auto *sendAction = new QAction(&window);
    sendAction->setShortcuts(
        {QKeySequence(Qt::CTRL | Qt::Key_Return), QKeySequence(Qt::CTRL | Qt::Key_Enter)});
    window.addAction(sendAction);
    auto *cancelAction = new QAction(&window);
    cancelAction->setShortcut(QKeySequence(Qt::Key_Escape));
    window.addAction(cancelAction);
    window.show();
    window.activateWindow();
    QVERIFY(QTest::qWaitForWindowActive(&window));

    QSignalSpy actionSends(sendAction, &QAction::triggered);
    QSignalSpy actionCancels(cancelAction, &QAction::triggered);
    QSignalSpy sends(editor, &RequestEditor::sendRequested);
    QSignalSpy cancels(editor, &RequestEditor::cancelRequested);
    auto *editorUrl = editor->findChild<QLineEdit *>(QStringLiteral("urlEdit"));
    editorUrl->setFocus();
    QTest::keyClick(editorUrl, Qt::Key_Return, Qt::ControlModifier);
    QTest::keyClick(editorUrl, Qt::Key_Return, Qt::ControlModifier);
    QCOMPARE(actionSends.count(), 2); // every press, never swallowed as "ambiguous"
    QCOMPARE(sends.count(), 0); // and never twice

    editor->setBusy(true);
    QTest::keyClick(editorUrl, Qt::Key_Escape);
    QCOMPARE(actionCancels.count(), 1);
    QCOMPARE(cancels.count(), 0);

    // Outside the editor too.
    outside->setFocus();
    QTest::keyClick(outside, Qt::Key_Return, Qt::ControlModifier);
    QCOMPARE(actionSends.count(), 3);
    QCOMPARE(sends.count(), 0);
}

void TestRequestEditor::roundTrip_data()
{
    QTest::addColumn<Core::Request>("request");

    QTest::newRow("default") << Core::Request {};
    {
        Core::Request r;
        r.method = QStringLiteral("PATCH");
        r.url = QStringLiteral("https://api.example.com/items/1");
        r.params = {{QStringLiteral("a b"), QStringLiteral("1&2=3"), true},
                    {QStringLiteral("off"), QStringLiteral("x"), false},
                    {QStringLiteral("plus"), QStringLiteral("+%#"), true}};
        r.headers = {{QStringLiteral("If-Match"), QStringLiteral("\"v1\""), true},
                     {QStringLiteral("X-Off"), QStringLiteral("1"), false}};
        r.body.mode = Core::BodyMode::Json;
        r.body.text = QStringLiteral("{\"price\": 1.50}");
        QTest::newRow("patch json with params") << r;
    }
    {
        Core::Request r;
        r.method = QStringLiteral("PURGE");
        r.url = QStringLiteral("http://cache.local/path#frag");
        r.body.mode = Core::BodyMode::Text;
        r.body.text = QStringLiteral("line 1\nline 2");
        r.body.contentType = QStringLiteral("text/csv");
        r.auth.mode = Core::AuthMode::Basic;
        r.auth.username = QStringLiteral("u");
        r.auth.password = QStringLiteral("p");
        QTest::newRow("custom verb text basic") << r;
    }
    {
        Core::Request r;
        r.method = QStringLiteral("POST");
        r.url = QStringLiteral("https://x.example/form");
        r.body.mode = Core::BodyMode::FormUrlEncoded;
        r.body.formFields = {{QStringLiteral("a"), QStringLiteral("1"), true},
                             {QStringLiteral("b"), QStringLiteral("2"), false}};
        r.body.text = QStringLiteral("kept from another mode");
        r.auth.mode = Core::AuthMode::Bearer;
        r.auth.token = QStringLiteral("tok");
        r.settings.timeoutMs = 1500;
        r.settings.followRedirects = false;
        r.settings.maxRedirects = 3;
        QTest::newRow("form bearer ms timeout") << r;
    }
    {
        Core::Request r;
        r.method = QStringLiteral("POST");
        r.url = QStringLiteral("https://x.example/upload");
        r.body.mode = Core::BodyMode::Multipart;
        r.body.multipartFields
            = {{QStringLiteral("title"), QStringLiteral("Hi"), false, QString(), true},
               {QStringLiteral("file"), QStringLiteral("/tmp/a.png"), true,
                QStringLiteral("image/png"), false}};
        r.auth.mode = Core::AuthMode::ApiKey;
        r.auth.keyName = QStringLiteral("key");
        r.auth.keyValue = QStringLiteral("v");
        r.auth.keyLocation = Core::ApiKeyLocation::Query;
        r.settings.verifyTls = false;
        r.settings.timeoutMs = 0;
        QTest::newRow("multipart api key tls off") << r;
    }
    {
        Core::Request r;
        r.method = QStringLiteral("PUT");
        r.url = QStringLiteral("https://x.example/blob");
        r.body.mode = Core::BodyMode::BinaryFile;
        r.body.filePath = QStringLiteral("/tmp/blob.bin");
        r.body.contentType = QStringLiteral("application/pdf");
        r.settings.timeoutMs = 120000;
        r.settings.streamToFileThreshold = 1234;
        r.settings.maxDecompressedBytes = 5678;
        QTest::newRow("binary file hidden settings") << r;
    }
}

void TestRequestEditor::roundTrip()
{
    QFETCH(Core::Request, request);
    QSignalSpy changed(m_editor, &RequestEditor::requestChanged);
    m_editor->setRequest(request);
    QCOMPARE(describe(m_editor->request()), describe(request));
    QVERIFY(m_editor->request() == request);
    QCOMPARE(changed.count(), 0);
    // And once more, from a different starting state.
    m_editor->setRequest(Core::Request {});
    m_editor->setRequest(request);
    QVERIFY(m_editor->request() == request);
}

void TestRequestEditor::queryInSetRequestBecomesParams()
{
    Core::Request r;
    r.url = QStringLiteral("https://x.example/a?x=1");
    r.params = {{QStringLiteral("y"), QStringLiteral("2"), false}};
    m_editor->setRequest(r);
    QCOMPARE(url()->text(), QStringLiteral("https://x.example/a?x=1"));
    const Core::Request out = m_editor->request();
    QCOMPARE(out.url, QStringLiteral("https://x.example/a"));
    const Core::KeyValueList expected = {{QStringLiteral("x"), QStringLiteral("1"), true},
                                         {QStringLiteral("y"), QStringLiteral("2"), false}};
    QCOMPARE(out.params, expected);
}

// Tab walks the cells and leaves the table after the last one (Shift+Tab before the first),
// with or without a cell being edited, instead of wrapping round: no keyboard trap.
void TestRequestEditor::tabLeavesTheTable()
{
    tabs()->setCurrentIndex(1);
    auto *view = child<Ui::KeyValueTableView>(m_editor, "headersTable");
    Ui::KeyValueModel *model = view->keyValueModel();
    model->setData(model->index(0, Ui::KeyValueModel::NameColumn), QStringLiteral("X-One"));
    const int last = model->rowCount() - 1;
    QVERIFY(last >= 1);
    view->setFocus();
    QTRY_VERIFY(view->hasFocus());

    view->setCurrentIndex(model->index(0, Ui::KeyValueModel::NameColumn));
    QTest::keyClick(view, Qt::Key_Tab); // inside: to the next cell
    QCOMPARE(QApplication::focusWidget(), view);
    QCOMPARE(view->currentIndex().column(), int(Ui::KeyValueModel::ValueColumn));

    view->setCurrentIndex(model->index(last, Ui::KeyValueModel::ValueColumn));
    QTest::keyClick(view, Qt::Key_Tab);
    QVERIFY2(QApplication::focusWidget() != view, "Tab on the last cell stayed in the table");

    view->setFocus();
    QTRY_VERIFY(view->hasFocus());
    view->setCurrentIndex(model->index(0, Ui::KeyValueModel::EnabledColumn));
    QTest::keyClick(view, Qt::Key_Backtab, Qt::ShiftModifier);
    QVERIFY2(QApplication::focusWidget() != view, "Shift+Tab on the first cell stayed");

    // In the editor of the last cell (the empty row for a new header): Tab leaves too.
    view->setFocus();
    const QModelIndex lastCell = model->index(last, Ui::KeyValueModel::ValueColumn);
    view->setCurrentIndex(lastCell);
    view->edit(lastCell);
    auto *editor = qobject_cast<QLineEdit *>(view->indexWidget(lastCell));
    QVERIFY(editor);
    QTRY_VERIFY(editor->hasFocus());
    QTest::keyClick(editor, Qt::Key_Tab);
    QTRY_VERIFY(QApplication::focusWidget() != editor);
    QVERIFY2(!view->isAncestorOf(QApplication::focusWidget())
                 && QApplication::focusWidget() != view,
             "Tab in the last cell's editor stayed in the table");
}

QTEST_MAIN(TestRequestEditor)
#include "tst_requesteditor.moc"
