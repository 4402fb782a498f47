#pragma once

#include "core/http/response.h"
#include "ui/response/bodysniffer.h"

#include <QWidget>

class QButtonGroup;
class QLabel;
class QStackedWidget;
class QToolButton;

namespace Patchbay::Ui {

class BodyTextLoader;
class CodeView;
class FindBar;
class HexView;
class ImagePreview;
class ResponseFilter;

// The body of a response, shown Pretty (re-indented JSON), Raw (the text as received),
// Preview (images) or Hex (binary). Everything slow (reading a file-backed body, formatting,
// decoding images) runs in workers; a newer response makes older results stale.
class BodyView final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(BodyView)

public:
    enum class Mode { Pretty, Raw, Preview, Hex };
    Q_ENUM(Mode)

    // Above this, JSON is not pretty-printed (the result could pass what QScintilla handles
    // comfortably); and text views stop at kMaxTextBytes.
    static constexpr qint64 kMaxPrettyBodyBytes = 256LL * 1024 * 1024;
    static constexpr qint64 kMaxTextBytes = 512LL * 1024 * 1024;
    static constexpr qint64 kMaxHexBytes = 16LL * 1024 * 1024;
    static constexpr qint64 kMaxImageBytes = 64LL * 1024 * 1024;
    // Larger bodies are pretty-printed without syntax colours.
    static constexpr qint64 kMaxHighlightBodyBytes = 16LL * 1024 * 1024;

    explicit BodyView(QWidget *parent = nullptr);
    ~BodyView() override;

    // Lowers the size limits above (for tests); applies from the next setResponse().
    void setLimits(qint64 maxPrettyBodyBytes, qint64 maxTextBytes);
    void setHighlightLimit(qint64 maxHighlightBodyBytes);

    void setResponse(const Core::Response &response);
    void clear();

    Mode mode() const { return m_mode; }
    void setMode(Mode mode);
    bool isModeAvailable(Mode mode) const;
    BodyKind kind() const { return m_kind; }
    // True while anything for the current body is still being read, formatted or decoded.
    bool isBusy() const;
    QString statusText() const;

    CodeView *prettyView() const { return m_pretty; }
    CodeView *rawView() const { return m_raw; }
    HexView *hexView() const { return m_hex; }
    ImagePreview *imagePreview() const { return m_preview; }
    FindBar *findBar() const { return m_findBar; }
    // The jq / JSONPath filter above the Pretty view (JSON bodies only).
    ResponseFilter *filter() const { return m_filter; }

    void focusFind();
    // Copies what the current mode shows (text, or the image in Preview).
    void copyToClipboard();
    // Writes the body bytes as received to `path`, in a worker; emits saved or saveFailed.
    void saveTo(const QString &path);

signals:
    void modeChanged(Patchbay::Ui::BodyView::Mode mode);
    void busyChanged(bool busy);
    void saved(const QString &path);
    void saveFailed(const QString &message);

private:
    void onSniffed(BodyKind kind);
    void ensureLoaded(Mode mode);
    void updateModeButtons();
    void updateStatus();
    void setNote(const QString &note);
    void setWorking(const QString &what, bool on);
    void saveWithDialog();
    // Pretty mode shows the filter's results while it has some, else the whole body.
    void showPrettyOrFiltered();

    Core::ResponseBody m_body;
    QByteArray m_contentType;
    BodyKind m_kind = BodyKind::Empty;
    Mode m_mode = Mode::Raw;
    quint64 m_generation = 0;
    bool m_sniffing = false;
    bool m_prettyRequested = false;
    bool m_rawRequested = false;
    bool m_hexRequested = false;
    bool m_previewRequested = false;
    bool m_prettyTooLarge = false;
    int m_imageLoads = 0;
    int m_hexLoads = 0;
    QString m_note;
    qint64 m_maxPrettyBodyBytes = kMaxPrettyBodyBytes;
    qint64 m_maxTextBytes = kMaxTextBytes;
    qint64 m_maxHighlightBodyBytes = kMaxHighlightBodyBytes;

    QButtonGroup *m_modeGroup = nullptr; // owned (QObject child)
    QToolButton *m_modeButtons[4] = {}; // owned (children)
    QLabel *m_status = nullptr; // owned (child)
    QToolButton *m_findButton = nullptr; // owned (child)
    QToolButton *m_copyButton = nullptr; // owned (child)
    QToolButton *m_saveButton = nullptr; // owned (child)
    QStackedWidget *m_stack = nullptr; // owned (child)
    QLabel *m_message = nullptr; // owned (child)
    CodeView *m_pretty = nullptr; // owned (child)
    CodeView *m_raw = nullptr; // owned (child)
    HexView *m_hex = nullptr; // owned (child)
    ImagePreview *m_preview = nullptr; // owned (child)
    FindBar *m_findBar = nullptr; // owned (child)
    CodeView *m_filterView = nullptr; // owned (child)
    ResponseFilter *m_filter = nullptr; // owned (child)
    BodyTextLoader *m_prettyLoader = nullptr; // owned (QObject child)
    BodyTextLoader *m_rawLoader = nullptr; // owned (QObject child)
};

} // namespace Patchbay::Ui
