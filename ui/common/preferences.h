#pragma once

#include "core/http/request.h"
#include "ui/common/theme.h"

#include <QFont>
#include <QObject>

class QSettings;

namespace Patchbay::Ui {

// What the sandbox API does when Patchbay starts.
enum class SandboxAtStart {
    AsLeft, // runs again if it was running when Patchbay quit
    Always,
    Never,
};

// What the user chose in Edit → Preferences. A value; saved under "preferences/" in QSettings.
struct PreferenceValues
{
    // Appearance
    ThemeChoice theme = ThemeChoice::System;
    QString editorFontFamily; // empty: the system's fixed-width font
    int editorFontSize = 0; // points; 0: the system's fixed-width size
    int zoom = 0; // points added to the editor font size (Ctrl+= / Ctrl+- / Ctrl+0)

    // New requests (Ctrl+T): their Settings tab starts with these.
    int timeoutMs = 30000; // 0: never
    bool followRedirects = true;
    bool verifyTls = true;

    // History
    int historyMaxEntries = 100000; // 0: no limit
    int historyMaxDays = 0; // 0: no limit
    bool historyKeepBodies = true; // false: only status, headers and sizes are kept

    // Streams: the Server-Sent Events a stream's table and session keep (the oldest go first),
    // for streams started after a change. Bounded to MinStreamEvents..MaxStreamEvents.
    int streamMaxEvents = 10000;

    // Start
    bool restoreTabs = true;
    SandboxAtStart sandboxAtStart = SandboxAtStart::AsLeft;

    friend bool operator==(const PreferenceValues &, const PreferenceValues &) = default;
};

// The application's preferences: one per process (the window, its dialogs and every text view
// read the same), loaded from QSettings on first use and saved on every change. Changes apply
// at once: listeners of changed() and editorFontChanged() update what they show.
class Preferences final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(Preferences)

public:
    static Preferences *instance();

    const PreferenceValues &values() const { return m_values; }
    // Saves `values` and, when they differ, emits changed() (and editorFontChanged()).
    void setValues(const PreferenceValues &values);
    // Reads QSettings again (tests that write settings, or another process).
    void reload();

    static PreferenceValues load(QSettings &settings);
    static void save(QSettings &settings, const PreferenceValues &values);

    // The font of editors and text views: the chosen family and size plus the zoom.
    QFont editorFont() const;
    static constexpr int MinZoom = -6;
    static constexpr int MaxZoom = 24;
    static constexpr int MinStreamEvents = 100;
    static constexpr int MaxStreamEvents = 1000000;
    void zoomIn();
    void zoomOut();
    void resetZoom();

    // A new, empty request with the chosen defaults for timeout, redirects and TLS.
    Core::Request newRequest() const;
    // The response body bytes history keeps per entry.
    qint64 historyBodyCap() const;

signals:
    void changed(const Patchbay::Ui::PreferenceValues &previous,
                 const Patchbay::Ui::PreferenceValues &current);
    void editorFontChanged(const QFont &font);

private:
    explicit Preferences(QObject *parent);

    PreferenceValues m_values;
};

} // namespace Patchbay::Ui
