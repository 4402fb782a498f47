#include "core/history/historystore.h"
#include "tests/ui/window/windowtest.h"
#include "ui/common/codeview.h"
#include "ui/common/preferences.h"
#include "ui/common/theme.h"
#include "ui/mainwindow.h"
#include "ui/preferences/preferencesdialog.h"
#include "ui/request/requesteditor.h"
#include "ui/response/bodyview.h"
#include "ui/response/hexview.h"
#include "ui/response/responseviewer.h"
#include "ui/tabs/requesttab.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QListWidget>
#include <QNetworkAccessManager>
#include <QPushButton>
#include <QSpinBox>
#include <QStackedWidget>
#include <QTabWidget>

using namespace Patchbay;
using Ui::Preferences;
using Ui::PreferenceValues;

namespace {

PreferenceValues everythingChanged()
{
    PreferenceValues v;
    v.theme = Ui::ThemeChoice::Dark;
    v.editorFontFamily = QStringLiteral("DejaVu Sans Mono");
    v.editorFontSize = 13;
    v.zoom = 3;
    v.timeoutMs = 5000;
    v.followRedirects = false;
    v.verifyTls = false;
    v.historyMaxEntries = 500;
    v.streamMaxEvents = 2500;
    v.historyMaxDays = 30;
    v.historyKeepBodies = false;
    v.restoreTabs = false;
    v.sandboxAtStart = Ui::SandboxAtStart::Always;
    return v;
}

// Runs `act` on the next modal dialog (the Preferences dialog opened by a key press).
void onNextDialog(std::function<void(Ui::PreferencesDialog *)> act)
{
    QTimer::singleShot(0, qApp, [act] {
        auto *dialog = qobject_cast<Ui::PreferencesDialog *>(QApplication::activeModalWidget());
        QVERIFY2(dialog, "the Preferences dialog did not open");
        act(dialog);
    });
}

// The paper and font size Scintilla really uses for text (style 0), lexer or not.
QColor paperOf(Ui::CodeView *view)
{
    const auto bgr = QRgb(view->SendScintilla(QsciScintillaBase::SCI_STYLEGETBACK, 0UL));
    return QColor(qBlue(bgr), qGreen(bgr), qRed(bgr));
}

qreal fontSizeOf(Ui::CodeView *view)
{
    return view->SendScintilla(QsciScintillaBase::SCI_STYLEGETSIZEFRACTIONAL, 0UL) / 100.0;
}

} // namespace

// Edit → Preferences: the values, the page-based dialog, and that every setting takes effect
// in a running window without a restart.
class TestPreferences final : public Tests::WindowTest
{
    Q_OBJECT

private slots:
    void initTestCase() { setUpApplication(QStringLiteral("tst_preferences")); }
    void init()
    {
        startFirstRun();
        Preferences::instance()->setValues({});
        Ui::Theme::apply(Ui::ThemeChoice::System);
    }
    void cleanup() { Preferences::instance()->setValues({}); }

    void valuesRoundTripThroughSettings()
    {
        const PreferenceValues changed = everythingChanged();
        QVERIFY(changed != PreferenceValues());
        {
            QSettings settings;
            Preferences::save(settings, changed);
        }
        QSettings settings;
        QCOMPARE(Preferences::load(settings), changed);
        settings.clear();
        QCOMPARE(Preferences::load(settings), PreferenceValues());
    }

    // The events a stream keeps stay within 100..1,000,000, whatever the settings file or a
    // caller says; the dialog's control has the same range.
    void streamEventsAreBounded()
    {
        QSettings settings;
        settings.setValue(QStringLiteral("preferences/streams/maxEvents"), 5);
        QCOMPARE(Preferences::load(settings).streamMaxEvents, Preferences::MinStreamEvents);
        settings.setValue(QStringLiteral("preferences/streams/maxEvents"), 2000000000);
        QCOMPARE(Preferences::load(settings).streamMaxEvents, Preferences::MaxStreamEvents);
        settings.setValue(QStringLiteral("preferences/streams/maxEvents"), 20000);
        QCOMPARE(Preferences::load(settings).streamMaxEvents, 20000);
        settings.clear();
        PreferenceValues v;
        v.streamMaxEvents = 3;
        Preferences::instance()->setValues(v);
        QCOMPARE(Preferences::instance()->values().streamMaxEvents, 100);
        Ui::PreferencesDialog dialog;
        auto *spin = dialog.findChild<QSpinBox *>(QStringLiteral("streamEventsSpin"));
        QVERIFY(spin);
        QCOMPARE(spin->minimum(), 100);
        QCOMPARE(spin->maximum(), 1000000);
        QCOMPARE(spin->value(), 100);
        spin->setValue(50000);
        dialog.apply();
        QCOMPARE(Preferences::instance()->values().streamMaxEvents, 50000);
    }

    void changedOnlyWhenDifferent()
    {
        QSignalSpy changed(Preferences::instance(), &Preferences::changed);
        QSignalSpy font(Preferences::instance(), &Preferences::editorFontChanged);
        Preferences::instance()->setValues({});
        QCOMPARE(changed.size(), 0);
        PreferenceValues v;
        v.timeoutMs = 1000;
        Preferences::instance()->setValues(v);
        QCOMPARE(changed.size(), 1);
        QCOMPARE(font.size(), 0);
        v.zoom = 2;
        Preferences::instance()->setValues(v);
        QCOMPARE(font.size(), 1);
        // Saved at once: another process (the next start) reads the same.
        QSettings settings;
        QCOMPARE(Preferences::load(settings).zoom, 2);
    }

    void dialogIsPageBased()
    {
        Ui::PreferencesDialog dialog;
        QCOMPARE(dialog.pageCount(), 6);
        QCOMPARE(dialog.pageList()->count(), 6);
        auto *stack = dialog.findChild<QStackedWidget *>(QStringLiteral("preferenceStack"));
        QVERIFY(stack);
        dialog.pageList()->setCurrentRow(2);
        QCOMPARE(stack->currentIndex(), 2);
        QVERIFY(stack->currentWidget()->findChild<QSpinBox *>(QStringLiteral("timeoutSpin")));
        // Another area (the network settings) can add a page of its own.
        auto *page = new QWidget;
        const int index = dialog.addPage(QStringLiteral("Network"), page, QStringLiteral("Proxy"));
        QCOMPARE(index, 6);
        dialog.setCurrentPage(index);
        QCOMPARE(stack->currentWidget(), page);
        QCOMPARE(page->accessibleName(), QStringLiteral("Network"));
        QSignalSpy applied(&dialog, &Ui::PreferencesDialog::applied);
        dialog.apply();
        QCOMPARE(applied.size(), 1);
    }

    // Every control of the dialog reaches the values, and back.
    void dialogShowsAndAppliesEveryValue()
    {
        Ui::PreferencesDialog dialog;
        QCOMPARE(dialog.values(), PreferenceValues());
        const PreferenceValues changed = everythingChanged();
        dialog.setValues(changed);
        PreferenceValues shown = dialog.values();
        // The font combo picks the closest installed monospaced family.
        shown.editorFontFamily = changed.editorFontFamily;
        QCOMPARE(shown, changed);
        dialog.findChild<QCheckBox *>(QStringLiteral("limitDaysCheck"))->setChecked(false);
        dialog.findChild<QCheckBox *>(QStringLiteral("systemFontCheck"))->setChecked(true);
        dialog.apply();
        const PreferenceValues applied = Preferences::instance()->values();
        QCOMPARE(applied.historyMaxDays, 0);
        QCOMPARE(applied.editorFontFamily, QString());
        QCOMPARE(applied.editorFontSize, 0);
        QCOMPARE(applied.timeoutMs, 5000);
        QCOMPARE(applied.sandboxAtStart, Ui::SandboxAtStart::Always);
    }

    // Ctrl+, opens the dialog; Dark applies to the running window at once.
    void themeChangesWithoutRestart()
    {
        QNetworkAccessManager network;
        Core::HistoryStore history(m_dir.filePath(QStringLiteral("theme.sqlite")));
        Core::Workspace workspace;
        Ui::MainWindow window(&network, &history, &workspace);
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        auto *body = window.findChild<Ui::CodeView *>(QStringLiteral("bodyTextEditor"));
        QVERIFY(body);
        const QColor lightPaper = paperOf(body);
        bool opened = false;
        onNextDialog([&opened](Ui::PreferencesDialog *dialog) {
            opened = true;
            auto *theme = dialog->findChild<QComboBox *>(QStringLiteral("themeCombo"));
            theme->setFocus();
            QTest::keyClick(theme, Qt::Key_End); // Dark, the last choice
            QCOMPARE(theme->currentText(), QStringLiteral("Dark"));
            QTest::keyClick(dialog, Qt::Key_Return); // OK
        });
        QTest::keyClick(&window, Qt::Key_Comma, Qt::ControlModifier);
        QVERIFY(opened);
        QCOMPARE(Preferences::instance()->values().theme, Ui::ThemeChoice::Dark);
        QCOMPARE(Ui::Theme::current(), Ui::ThemeChoice::Dark);
        QTRY_COMPARE(window.palette().color(QPalette::Base),
                     Ui::Theme::darkPalette().color(QPalette::Base));
        QTRY_COMPARE(paperOf(body), Ui::Theme::darkPalette().color(QPalette::Base));
        QVERIFY(paperOf(body) != lightPaper);
        // The Send button's own colours follow too, and stay readable.
        auto *send = window.findChild<QPushButton *>(QStringLiteral("sendButton"));
        QVERIFY(send);
        const QPalette dark = Ui::Theme::darkPalette();
        QTRY_COMPARE(send->palette().color(QPalette::Button), dark.color(QPalette::Highlight));
        QCOMPARE(send->palette().color(QPalette::ButtonText),
                 dark.color(QPalette::HighlightedText));
        QVERIFY(Ui::Theme::contrastRatio(send->palette().color(QPalette::Button),
                                         send->palette().color(QPalette::ButtonText))
                >= 4.5);
    }

    // Ctrl+= / Ctrl+- / Ctrl+0 from an editor: every editor and text view, and the next start.
    void zoomKeysChangeEveryTextView()
    {
        QNetworkAccessManager network;
        Core::HistoryStore history(m_dir.filePath(QStringLiteral("zoom.sqlite")));
        Core::Workspace workspace;
        Ui::MainWindow window(&network, &history, &workspace);
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        auto *body = window.findChild<Ui::CodeView *>(QStringLiteral("bodyTextEditor"));
        Ui::CodeView *pretty = window.responseViewer()->bodyView()->prettyView();
        Ui::HexView *hex = window.responseViewer()->bodyView()->hexView();
        const qreal size = fontSizeOf(body);
        QCOMPARE(fontSizeOf(pretty), size);
        body->setFocus();
        QTest::keyClick(body, Qt::Key_Equal, Qt::ControlModifier);
        QTest::keyClick(body, Qt::Key_Equal, Qt::ControlModifier);
        QCOMPARE(Preferences::instance()->values().zoom, 2);
        QCOMPARE(fontSizeOf(body), size + 2);
        QCOMPARE(fontSizeOf(pretty), size + 2);
        QCOMPARE(hex->font().pointSizeF(), size + 2);
        // A view made later starts at the zoom too.
        Ui::RequestTab *tab = window.newTab();
        QCOMPARE(fontSizeOf(tab->viewer()->bodyView()->prettyView()), size + 2);
        QTest::keyClick(tab->editor(), Qt::Key_Minus, Qt::ControlModifier);
        QCOMPARE(fontSizeOf(pretty), size + 1);
        QSettings settings;
        QCOMPARE(Preferences::load(settings).zoom, 1);
        QTest::keyClick(tab->editor(), Qt::Key_0, Qt::ControlModifier);
        QCOMPARE(fontSizeOf(pretty), size);
        QCOMPARE(Preferences::instance()->values().zoom, 0);
    }

    // Timeout, redirects and TLS of new requests; pristine tabs take them too.
    void newRequestsUseTheDefaults()
    {
        QNetworkAccessManager network;
        Core::HistoryStore history(m_dir.filePath(QStringLiteral("defaults.sqlite")));
        Core::Workspace workspace;
        Ui::MainWindow window(&network, &history, &workspace);
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        Ui::RequestTab *first = window.currentTab();
        QVERIFY(first->isPristine());
        PreferenceValues v;
        v.timeoutMs = 5000;
        v.followRedirects = false;
        v.verifyTls = false;
        Preferences::instance()->setValues(v);
        QCOMPARE(first->editor()->request().settings.timeoutMs, 5000);
        QVERIFY(first->isPristine());
        QTest::keyClick(&window, Qt::Key_T, Qt::ControlModifier);
        Ui::RequestTab *tab = window.currentTab();
        QVERIFY(tab != first);
        const Core::RequestSettings settings = tab->editor()->request().settings;
        QCOMPARE(settings.timeoutMs, 5000);
        QVERIFY(!settings.followRedirects);
        QVERIFY(!settings.verifyTls);
        // Still a new, empty request: nothing to save, reusable.
        QVERIFY(tab->isPristine());
        QVERIFY(!tab->isDirty());
        // Requests opened from files or history keep their own settings.
        Core::Request saved;
        saved.url = QStringLiteral("http://127.0.0.1:9/x");
        tab->openUnsaved(saved);
        QCOMPARE(tab->editor()->request().settings.timeoutMs, Core::RequestSettings().timeoutMs);
    }

    void historyFollowsRetentionAndBodies()
    {
        QNetworkAccessManager network;
        Core::HistoryStore history(m_dir.filePath(QStringLiteral("bodies.sqlite")));
        Core::Workspace workspace;
        Ui::MainWindow window(&network, &history, &workspace);
        window.show();
        window.startSandbox();
        QVERIFY(window.isSandboxRunning());
        PreferenceValues v;
        v.historyKeepBodies = false;
        v.historyMaxEntries = 2;
        Preferences::instance()->setValues(v);
        QCOMPARE(history.retention().maxEntries, 2);
        QSignalSpy added(&history, &Core::HistoryStore::entryAdded);
        QSignalSpy pruned(&history, &Core::HistoryStore::entriesPruned);
        const auto prunedIds = [&pruned] {
            QList<qint64> ids;
            for (const QList<QVariant> &args : pruned)
                ids << args.at(0).value<QList<qint64>>();
            return ids;
        };
        for (int i = 1; i <= 3; ++i) {
            const Core::Response r = sendByHand(
                window, QStringLiteral("GET"),
                window.sandboxUrl().toString() + QStringLiteral("/users/%1").arg(i), QString());
            QCOMPARE(r.statusCode, 200);
        }
        QTRY_COMPARE(added.size(), 3);
        // The oldest of three.
        QTRY_COMPARE(prunedIds(),
                     QList<qint64> {added.first().first().value<Core::HistoryEntrySummary>().id});
        QSignalSpy fetched(&history, &Core::HistoryStore::entryFetched);
        history.fetchEntry(added.last().first().value<Core::HistoryEntrySummary>().id);
        QVERIFY(fetched.wait(10000));
        const Core::HistoryEntry entry = fetched.first().at(1).value<Core::HistoryEntry>();
        QCOMPARE(entry.statusCode, 200);
        QVERIFY(entry.bodySize > 0);
        QVERIFY(entry.body.isEmpty());
        window.stopSandbox();
    }

    void startOptions()
    {
        QNetworkAccessManager network;
        QTemporaryDir root;
        Core::Workspace workspace;
        QVERIFY(openSample(root, workspace));
        const QString path = root.filePath(QStringLiteral("sandbox-updates/get-user-1.yaml"));
        {
            Core::HistoryStore history(m_dir.filePath(QStringLiteral("start.sqlite")));
            Ui::MainWindow window(&network, &history, &workspace);
            window.show();
            open(window, workspace, path);
            window.close();
        }
        PreferenceValues v;
        v.restoreTabs = false;
        v.sandboxAtStart = Ui::SandboxAtStart::Always;
        Preferences::instance()->setValues(v);
        {
            Core::HistoryStore history(m_dir.filePath(QStringLiteral("start.sqlite")));
            Ui::MainWindow window(&network, &history, &workspace);
            QVERIFY(!window.tabForPath(path));
            QCOMPARE(window.requestTabs()->count(), 1);
            QVERIFY(window.isSandboxRunning());
            window.stopSandbox();
        }
        Preferences::instance()->setValues({});
        Core::HistoryStore history(m_dir.filePath(QStringLiteral("start.sqlite")));
        Ui::MainWindow window(&network, &history, &workspace);
        QVERIFY(window.tabForPath(path)); // the session was kept for when it is wanted again
        QVERIFY(!window.isSandboxRunning());
    }

private:
    QTemporaryDir m_dir;
};

QTEST_MAIN(TestPreferences)
#include "tst_preferences.moc"
