#pragma once

#include <Qsci/qsciscintilla.h>

#include <QByteArray>
#include <QByteArrayView>

namespace Patchbay::Ui {

class JsonLexer;

// A document filled off the UI thread (Scintilla's ILoader), then shown with
// CodeView::showLoadedDocument() in one step. Move-only; releases the document if never shown.
class DocumentLoader
{
public:
    DocumentLoader() = default;
    ~DocumentLoader();
    DocumentLoader(DocumentLoader &&other) noexcept;
    DocumentLoader &operator=(DocumentLoader &&other) noexcept;
    DocumentLoader(const DocumentLoader &) = delete;
    DocumentLoader &operator=(const DocumentLoader &) = delete;

    bool isValid() const { return m_loader != nullptr; }
    // Appends text. Safe from any thread while the document is not shown.
    bool addData(QByteArrayView utf8);

private:
    friend class CodeView;
    void *m_loader = nullptr; // owned: a Scintilla ILoader
};

// A QScintilla editor set up for code: monospace, UTF-8, line numbers, brace matching, folding,
// palette colours (light and dark). Read-only or editable. Large documents are loaded in chunks
// (beginBulkLoad / appendBulk / endBulkLoad) so the UI thread never stalls for long.
class CodeView final : public QsciScintilla
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(CodeView)

public:
    enum class AccessibleText {
        Full, // screen readers get the text (QScintilla's accessible; slow past a few MB)
        Omitted, // a plain accessible: for read-only views of documents of any size
    };

    explicit CodeView(QWidget *parent = nullptr,
                      AccessibleText accessibleText = AccessibleText::Full);
    ~CodeView() override;

    // Attaches (or removes) a JSON lexer owned by this view.
    void setJsonHighlighting(bool enabled);
    JsonLexer *jsonLexer() const { return m_jsonLexer; }

    // Replaces the text in one call, without undo history.
    void setUtf8Text(QByteArrayView utf8);
    QByteArray utf8Text() const;
    qint64 byteLength() const;

    // Chunked loading. `expectedBytes` pre-sizes the buffer when known (0 otherwise).
    void beginBulkLoad(qint64 expectedBytes = 0);
    void appendBulk(QByteArrayView utf8);
    // Sizes the buffers for `bytes` of text; best called while the document is still small.
    void reserveBytes(qint64 bytes);
    void endBulkLoad();

    // A loader for a new document. `withStyles` false saves a byte per character for views
    // without a lexer.
    DocumentLoader createDocumentLoader(bool withStyles);
    // Replaces the document with the loaded one, keeping this view's settings (UTF-8, tabs,
    // read-only) and its scroll position.
    void showLoadedDocument(DocumentLoader loader);

    // Selects the next (or previous) match from the current selection, wrapping around.
    // Returns false when there is no match anywhere.
    bool findNext(const QString &text, bool caseSensitive, bool backwards);

    // Above this size, brace matching (which scans the document) is switched off.
    static constexpr qint64 kLargeDocumentBytes = 8 * 1024 * 1024;

protected:
    void changeEvent(QEvent *event) override;

private:
    void applyPalette();
    void applyEditorFont(const QFont &font);
    void updateLineNumberMargin();
    void updateLargeDocumentMode();

    JsonLexer *m_jsonLexer = nullptr; // owned (QObject child)
    int m_marginDigits = 0;
    bool m_readOnlyBeforeLoad = false;
    bool m_largeDocument = false;
    bool m_bulkLoading = false;
    long m_modEventMask = 0;
};

} // namespace Patchbay::Ui
