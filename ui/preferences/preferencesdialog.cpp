#include "ui/preferences/preferencesdialog.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QFontComboBox>
#include <QFontDatabase>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QListWidget>
#include <QPushButton>
#include <QSpinBox>
#include <QStackedWidget>
#include <QVBoxLayout>

namespace Patchbay::Ui {

namespace {

// A control with what a screen reader says: its name and what it does.
template<typename Widget>
Widget *named(Widget *widget, const QString &objectName, const QString &name,
              const QString &description)
{
    widget->setObjectName(objectName);
    widget->setAccessibleName(name);
    widget->setAccessibleDescription(description);
    widget->setToolTip(description);
    return widget;
}

QLabel *note(const QString &text, QWidget *parent)
{
    auto *label = new QLabel(text, parent);
    label->setWordWrap(true);
    label->setForegroundRole(QPalette::PlaceholderText);
    return label;
}

QWidget *page(QFormLayout **form, const QString &heading)
{
    auto *widget = new QWidget; // owned by the stack once added
    auto *layout = new QVBoxLayout(widget);
    auto *title = new QLabel(heading, widget);
    QFont bold = title->font();
    bold.setBold(true);
    bold.setPointSizeF(bold.pointSizeF() * 1.15);
    title->setFont(bold);
    layout->addWidget(title);
    *form = new QFormLayout;
    (*form)->setFieldGrowthPolicy(QFormLayout::ExpandingFieldsGrow);
    layout->addLayout(*form);
    return widget;
}

} // namespace

PreferencesDialog::PreferencesDialog(QWidget *parent)
    : QDialog(parent)
    , m_pages(new QListWidget(this))
    , m_stack(new QStackedWidget(this))
    , m_buttons(new QDialogButtonBox(
          QDialogButtonBox::Ok | QDialogButtonBox::Cancel | QDialogButtonBox::Apply, this))
{
    setObjectName(QStringLiteral("preferencesDialog"));
    setWindowTitle(tr("Preferences"));
    named(m_pages, QStringLiteral("preferencePages"), tr("Preference pages"),
          tr("Pick a page of settings; the arrow keys move between pages."));
    m_pages->setSelectionMode(QAbstractItemView::SingleSelection);
    m_pages->setMaximumWidth(180);
    m_stack->setObjectName(QStringLiteral("preferenceStack"));

    addPage(tr("Appearance"), createAppearancePage(), tr("Theme: System, Light or Dark"));
    addPage(tr("Editor"), createEditorPage(), tr("Font and zoom of editors and text views"));
    addPage(tr("Requests"), createRequestsPage(),
            tr("Timeout, redirects and TLS verification of new requests"));
    addPage(tr("History"), createHistoryPage(), tr("How much history is kept"));
    addPage(tr("Streams"), createStreamsPage(),
            tr("How many events a Server-Sent Events stream keeps"));
    addPage(tr("Start"), createStartPage(), tr("What happens when Patchbay starts"));

    auto *row = new QHBoxLayout;
    row->addWidget(m_pages);
    row->addWidget(m_stack, 1);
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(row, 1);
    layout->addWidget(m_buttons);

    named(m_buttons->button(QDialogButtonBox::Ok), QStringLiteral("okButton"), tr("OK"),
          tr("Apply the settings and close"));
    named(m_buttons->button(QDialogButtonBox::Cancel), QStringLiteral("cancelButton"), tr("Cancel"),
          tr("Close without applying changes not applied yet"));
    named(m_buttons->button(QDialogButtonBox::Apply), QStringLiteral("applyButton"), tr("Apply"),
          tr("Apply the settings now and keep the dialog open"));
    connect(m_pages, &QListWidget::currentRowChanged, m_stack, &QStackedWidget::setCurrentIndex);
    connect(m_buttons, &QDialogButtonBox::accepted, this, [this] {
        apply();
        accept();
    });
    connect(m_buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(m_buttons->button(QDialogButtonBox::Apply), &QPushButton::clicked, this,
            &PreferencesDialog::apply);

    setValues(Preferences::instance()->values());
    m_pages->setCurrentRow(0);
    resize(640, 420);
}

PreferencesDialog::~PreferencesDialog() = default;

int PreferencesDialog::addPage(const QString &title, QWidget *page, const QString &description)
{
    auto *item = new QListWidgetItem(title, m_pages); // owned by the list
    item->setData(Qt::AccessibleDescriptionRole, description);
    item->setToolTip(description);
    if (page->accessibleName().isEmpty())
        page->setAccessibleName(title);
    if (page->accessibleDescription().isEmpty())
        page->setAccessibleDescription(description);
    return m_stack->addWidget(page);
}

void PreferencesDialog::setCurrentPage(int index)
{
    m_pages->setCurrentRow(index);
}

int PreferencesDialog::currentPage() const
{
    return m_stack->currentIndex();
}

int PreferencesDialog::pageCount() const
{
    return m_stack->count();
}

QWidget *PreferencesDialog::createAppearancePage()
{
    QFormLayout *form = nullptr;
    QWidget *widget = page(&form, tr("Appearance"));
    m_theme = named(new QComboBox(widget), QStringLiteral("themeCombo"), tr("Theme"),
                    tr("System follows the desktop's colours; Light and Dark are Patchbay's own."));
    m_theme->addItem(tr("System"), int(ThemeChoice::System));
    m_theme->addItem(tr("Light"), int(ThemeChoice::Light));
    m_theme->addItem(tr("Dark"), int(ThemeChoice::Dark));
    form->addRow(tr("&Theme:"), m_theme);
    form->addRow(note(tr("The theme changes at once, in every window."), widget));
    return widget;
}

QWidget *PreferencesDialog::createEditorPage()
{
    QFormLayout *form = nullptr;
    QWidget *widget = page(&form, tr("Editor"));
    m_systemFont = named(new QCheckBox(tr("Use the system's fixed-width font"), widget),
                         QStringLiteral("systemFontCheck"), tr("Use the system's fixed-width font"),
                         tr("Editors and text views use the desktop's monospace font and size."));
    form->addRow(m_systemFont);
    m_fontFamily = named(new QFontComboBox(widget), QStringLiteral("fontFamilyCombo"),
                         tr("Editor font"), tr("The font of editors and text views."));
    m_fontFamily->setFontFilters(QFontComboBox::MonospacedFonts);
    form->addRow(tr("&Font:"), m_fontFamily);
    m_fontSize = named(new QSpinBox(widget), QStringLiteral("fontSizeSpin"), tr("Font size"),
                       tr("The size of the editor font, in points, before zoom."));
    m_fontSize->setRange(6, 72);
    m_fontSize->setSuffix(tr(" pt"));
    form->addRow(tr("&Size:"), m_fontSize);
    m_zoom = named(new QSpinBox(widget), QStringLiteral("zoomSpin"), tr("Zoom"),
                   tr("Points added to the editor font: View → Zoom in (Ctrl+=), Zoom out "
                      "(Ctrl+-) and Reset zoom (Ctrl+0) change it too."));
    m_zoom->setRange(Preferences::MinZoom, Preferences::MaxZoom);
    m_zoom->setSuffix(tr(" pt"));
    m_zoom->setSpecialValueText(QString());
    form->addRow(tr("&Zoom:"), m_zoom);
    form->addRow(note(tr("Applies to the JSON and text body editors, the response body (Pretty, "
                         "Raw, Hex, filter results) and the code views of dialogs."),
                      widget));
    connect(m_systemFont, &QCheckBox::toggled, this, [this](bool system) {
        m_fontFamily->setEnabled(!system);
        m_fontSize->setEnabled(!system);
    });
    return widget;
}

QWidget *PreferencesDialog::createRequestsPage()
{
    QFormLayout *form = nullptr;
    QWidget *widget = page(&form, tr("New requests"));
    m_timeout = named(new QSpinBox(widget), QStringLiteral("timeoutSpin"), tr("Timeout"),
                      tr("A new request stops when no bytes move for this many seconds; 0 "
                         "waits forever."));
    m_timeout->setRange(0, 3600);
    m_timeout->setSuffix(tr(" s"));
    m_timeout->setSpecialValueText(tr("Never"));
    form->addRow(tr("&Timeout:"), m_timeout);
    m_redirects = named(new QCheckBox(tr("Follow redirects"), widget),
                        QStringLiteral("redirectsCheck"), tr("Follow redirects"),
                        tr("New requests follow up to 10 redirects, dropping credentials when the "
                           "host changes."));
    form->addRow(m_redirects);
    m_verifyTls = named(new QCheckBox(tr("Verify TLS certificates"), widget),
                        QStringLiteral("verifyTlsCheck"), tr("Verify TLS certificates"),
                        tr("New requests refuse servers whose certificate does not verify."));
    form->addRow(m_verifyTls);
    form->addRow(note(tr("These are the starting values of a new request's Settings tab. Saved "
                         "requests keep their own settings."),
                      widget));
    return widget;
}

QWidget *PreferencesDialog::createHistoryPage()
{
    QFormLayout *form = nullptr;
    QWidget *widget = page(&form, tr("History"));
    m_limitEntries = named(new QCheckBox(tr("Keep at most"), widget),
                           QStringLiteral("limitEntriesCheck"), tr("Limit the number of entries"),
                           tr("When on, the oldest entries go once history holds more."));
    m_maxEntries = named(new QSpinBox(widget), QStringLiteral("maxEntriesSpin"),
                         tr("Most entries kept"), tr("How many history entries are kept."));
    m_maxEntries->setRange(1, 10000000);
    m_maxEntries->setSuffix(tr(" entries"));
    m_maxEntries->setGroupSeparatorShown(true);
    form->addRow(m_limitEntries, m_maxEntries);
    m_limitDays = named(new QCheckBox(tr("Delete after"), widget), QStringLiteral("limitDaysCheck"),
                        tr("Limit the age of entries"),
                        tr("When on, entries older than this many days go."));
    m_maxDays = named(new QSpinBox(widget), QStringLiteral("maxDaysSpin"), tr("Days kept"),
                      tr("How many days history entries are kept."));
    m_maxDays->setRange(1, 36500);
    m_maxDays->setSuffix(tr(" days"));
    form->addRow(m_limitDays, m_maxDays);
    m_keepBodies = named(new QCheckBox(tr("Keep response bodies"), widget),
                         QStringLiteral("keepBodiesCheck"), tr("Keep response bodies in history"),
                         tr("When off, history keeps each response's status, headers and size "
                            "but not its body."));
    form->addRow(m_keepBodies);
    form->addRow(note(tr("History keeps at most the first 1 MiB of a body. Limits apply at once "
                         "and after every send."),
                      widget));
    connect(m_limitEntries, &QCheckBox::toggled, m_maxEntries, &QWidget::setEnabled);
    connect(m_limitDays, &QCheckBox::toggled, m_maxDays, &QWidget::setEnabled);
    return widget;
}

QWidget *PreferencesDialog::createStreamsPage()
{
    QFormLayout *form = nullptr;
    QWidget *widget = page(&form, tr("Server-Sent Events"));
    m_streamEvents = named(new QSpinBox(widget), QStringLiteral("streamEventsSpin"),
                           tr("Events kept per stream"),
                           tr("How many of the latest events a stream's table keeps; older ones "
                              "are dropped so that an endless stream uses bounded memory."));
    m_streamEvents->setRange(Preferences::MinStreamEvents, Preferences::MaxStreamEvents);
    m_streamEvents->setSingleStep(1000);
    m_streamEvents->setSuffix(tr(" events"));
    m_streamEvents->setGroupSeparatorShown(true);
    form->addRow(tr("&Events kept per stream:"), m_streamEvents);
    form->addRow(note(tr("Applies to streams started after the change (%L1 to %L2). When a "
                         "stream has more, the oldest go first; the status line still counts "
                         "them all.")
                          .arg(Preferences::MinStreamEvents)
                          .arg(Preferences::MaxStreamEvents),
                      widget));
    // One row: keep it under the heading rather than spread down the page.
    static_cast<QVBoxLayout *>(widget->layout())->addStretch(1);
    return widget;
}

QWidget *PreferencesDialog::createStartPage()
{
    QFormLayout *form = nullptr;
    QWidget *widget = page(&form, tr("When Patchbay starts"));
    m_restoreTabs = named(new QCheckBox(tr("Reopen the tabs of the last session"), widget),
                          QStringLiteral("restoreTabsCheck"), tr("Reopen the last session's tabs"),
                          tr("When off, Patchbay starts with one empty tab; unsaved requests of "
                             "the last session are still offered back."));
    form->addRow(m_restoreTabs);
    m_sandbox = named(new QComboBox(widget), QStringLiteral("sandboxStartCombo"),
                      tr("Sandbox API at start"),
                      tr("Whether the built-in sandbox API starts with Patchbay."));
    m_sandbox->addItem(tr("As it was when Patchbay quit"), int(SandboxAtStart::AsLeft));
    m_sandbox->addItem(tr("Always start it"), int(SandboxAtStart::Always));
    m_sandbox->addItem(tr("Never start it"), int(SandboxAtStart::Never));
    form->addRow(tr("&Sandbox API:"), m_sandbox);
    return widget;
}

PreferenceValues PreferencesDialog::values() const
{
    PreferenceValues v = Preferences::instance()->values();
    v.theme = ThemeChoice(m_theme->currentData().toInt());
    if (m_systemFont->isChecked()) {
        v.editorFontFamily.clear();
        v.editorFontSize = 0;
    } else {
        v.editorFontFamily = m_fontFamily->currentFont().family();
        v.editorFontSize = m_fontSize->value();
    }
    v.zoom = m_zoom->value();
    v.timeoutMs = m_timeout->value() * 1000;
    v.followRedirects = m_redirects->isChecked();
    v.verifyTls = m_verifyTls->isChecked();
    v.historyMaxEntries = m_limitEntries->isChecked() ? m_maxEntries->value() : 0;
    v.historyMaxDays = m_limitDays->isChecked() ? m_maxDays->value() : 0;
    v.historyKeepBodies = m_keepBodies->isChecked();
    v.streamMaxEvents = m_streamEvents->value();
    v.restoreTabs = m_restoreTabs->isChecked();
    v.sandboxAtStart = SandboxAtStart(m_sandbox->currentData().toInt());
    return v;
}

void PreferencesDialog::setValues(const PreferenceValues &v)
{
    m_theme->setCurrentIndex(m_theme->findData(int(v.theme)));
    const QFont system = QFontDatabase::systemFont(QFontDatabase::FixedFont);
    const bool systemFont = v.editorFontFamily.isEmpty() && v.editorFontSize <= 0;
    m_systemFont->setChecked(systemFont);
    m_fontFamily->setCurrentFont(
        QFont(v.editorFontFamily.isEmpty() ? system.family() : v.editorFontFamily));
    m_fontSize->setValue(v.editorFontSize > 0 ? v.editorFontSize : int(system.pointSizeF()));
    m_fontFamily->setEnabled(!systemFont);
    m_fontSize->setEnabled(!systemFont);
    m_zoom->setValue(v.zoom);
    m_timeout->setValue((v.timeoutMs + 999) / 1000);
    m_redirects->setChecked(v.followRedirects);
    m_verifyTls->setChecked(v.verifyTls);
    m_limitEntries->setChecked(v.historyMaxEntries > 0);
    m_maxEntries->setValue(v.historyMaxEntries > 0 ? v.historyMaxEntries : 100000);
    m_maxEntries->setEnabled(v.historyMaxEntries > 0);
    m_limitDays->setChecked(v.historyMaxDays > 0);
    m_maxDays->setValue(v.historyMaxDays > 0 ? v.historyMaxDays : 90);
    m_maxDays->setEnabled(v.historyMaxDays > 0);
    m_keepBodies->setChecked(v.historyKeepBodies);
    m_streamEvents->setValue(v.streamMaxEvents);
    m_restoreTabs->setChecked(v.restoreTabs);
    m_sandbox->setCurrentIndex(m_sandbox->findData(int(v.sandboxAtStart)));
}

void PreferencesDialog::apply()
{
    Preferences::instance()->setValues(values());
    emit applied();
}

} // namespace Patchbay::Ui
