#pragma once

#include "ui/common/preferences.h"

#include <QDialog>

class QCheckBox;
class QComboBox;
class QDialogButtonBox;
class QFontComboBox;
class QListWidget;
class QSpinBox;
class QStackedWidget;

namespace Patchbay::Ui {

// Edit → Preferences (Ctrl+,): a list of pages beside the page shown. OK and Apply write the
// values to Preferences, which applies them at once (theme, fonts, defaults, history, streams,
// start). More pages can be added (addPage); a page with settings of its own saves them when
// applied() is emitted.
class PreferencesDialog final : public QDialog
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(PreferencesDialog)

public:
    explicit PreferencesDialog(QWidget *parent = nullptr);
    ~PreferencesDialog() override;

    // Appends a page; `description` is what screen readers say about it. Returns its index.
    int addPage(const QString &title, QWidget *page, const QString &description = {});
    void setCurrentPage(int index);
    int currentPage() const;
    int pageCount() const;
    QListWidget *pageList() const { return m_pages; }

    // The values the controls show.
    PreferenceValues values() const;
    void setValues(const PreferenceValues &values);

    // Writes the shown values to Preferences::instance(); emits applied().
    void apply();

signals:
    // OK or Apply: pages added from outside save their own settings now.
    void applied();

private:
    QWidget *createAppearancePage();
    QWidget *createEditorPage();
    QWidget *createRequestsPage();
    QWidget *createHistoryPage();
    QWidget *createStreamsPage();
    QWidget *createStartPage();

    QListWidget *m_pages; // owned (child)
    QStackedWidget *m_stack; // owned (child)
    QDialogButtonBox *m_buttons; // owned (child)

    QComboBox *m_theme = nullptr; // owned (children of the pages)
    QCheckBox *m_systemFont = nullptr;
    QFontComboBox *m_fontFamily = nullptr;
    QSpinBox *m_fontSize = nullptr;
    QSpinBox *m_zoom = nullptr;
    QSpinBox *m_timeout = nullptr;
    QCheckBox *m_redirects = nullptr;
    QCheckBox *m_verifyTls = nullptr;
    QCheckBox *m_limitEntries = nullptr;
    QSpinBox *m_maxEntries = nullptr;
    QCheckBox *m_limitDays = nullptr;
    QSpinBox *m_maxDays = nullptr;
    QCheckBox *m_keepBodies = nullptr;
    QSpinBox *m_streamEvents = nullptr;
    QCheckBox *m_restoreTabs = nullptr;
    QComboBox *m_sandbox = nullptr;
};

} // namespace Patchbay::Ui
