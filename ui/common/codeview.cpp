#include "ui/common/codeview.h"

#include "ui/common/jsonlexer.h"
#include "ui/common/preferences.h"
#include "ui/common/theme.h"

#include <Qsci/qscicommand.h>
#include <Qsci/qscicommandset.h>

#include <QAccessibleWidget>
#include <QEvent>
#include <QFontDatabase>

#include <utility>

namespace Patchbay::Ui {

namespace ScintillaAbi {
// Scintilla's ILoader (include/ILoader.h), which QScintilla does not install. Not in an
// anonymous namespace: with internal linkage the compiler may prove that nothing implements
// it and replace the calls by a "pure virtual method called" abort.
class ILoader
{
public:
    virtual int Release() = 0;
    virtual int AddData(const char *data, ptrdiff_t length) = 0;
    virtual void *ConvertToDocument() = 0;

protected:
    ~ILoader() = default;
};
} // namespace ScintillaAbi

using ScintillaAbi::ILoader;

namespace {

using Sci = QsciScintillaBase;

constexpr char kPlainAccessibleProperty[] = "patchbayPlainAccessible";

// QScintilla's accessible counts the characters from the start of the document to the caret
// on every UI update: with the caret at the end of 70 MB, each paint took half a second.
// Views that opt out get a plain accessible (no text interface). Factories installed later
// are asked first, and the subclass name is tried before QsciScintillaBase.
QAccessibleInterface *plainAccessibleFactory(const QString &className, QObject *object)
{
    if (!object || !object->isWidgetType() || !object->property(kPlainAccessibleProperty).toBool()
        || className != QLatin1String(CodeView::staticMetaObject.className()))
        return nullptr;
    return new QAccessibleWidget(static_cast<QWidget *>(object), QAccessible::EditableText);
}

} // namespace

DocumentLoader::~DocumentLoader()
{
    if (m_loader)
        static_cast<ILoader *>(m_loader)->Release();
}

DocumentLoader::DocumentLoader(DocumentLoader &&other) noexcept
    : m_loader(std::exchange(other.m_loader, nullptr))
{ }

DocumentLoader &DocumentLoader::operator=(DocumentLoader &&other) noexcept
{
    if (this != &other) {
        if (m_loader)
            static_cast<ILoader *>(m_loader)->Release();
        m_loader = std::exchange(other.m_loader, nullptr);
    }
    return *this;
}

bool DocumentLoader::addData(QByteArrayView utf8)
{
    if (!m_loader)
        return false;
    return static_cast<ILoader *>(m_loader)->AddData(utf8.data(), utf8.size()) == Sci::SC_STATUS_OK;
}

DocumentLoader CodeView::createDocumentLoader(bool withStyles)
{
    DocumentLoader loader;
    const long options = withStyles ? 0L : long(Sci::SC_DOCUMENTOPTION_STYLES_NONE);
    loader.m_loader = reinterpret_cast<void *>(SendScintilla(Sci::SCI_CREATELOADER, 0UL, options));
    return loader;
}

void CodeView::showLoadedDocument(DocumentLoader loader)
{
    if (!loader.m_loader)
        return;
    auto *document
        = static_cast<ILoader *>(std::exchange(loader.m_loader, nullptr))->ConvertToDocument();
    const int firstLine = firstVisibleLine();
    const long caret = SendScintilla(Sci::SCI_GETCURRENTPOS);
    const bool readOnly = isReadOnly();
    // Settings that belong to the document, not the view.
    const long eolMode = SendScintilla(Sci::SCI_GETEOLMODE);
    SendScintilla(Sci::SCI_SETDOCPOINTER, 0UL, document);
    SendScintilla(Sci::SCI_RELEASEDOCUMENT, 0UL, document); // the view holds it now
    SendScintilla(Sci::SCI_SETEOLMODE, static_cast<unsigned long>(eolMode));
    setUtf8(true);
    setTabWidth(2);
    setIndentationsUseTabs(false);
    SendScintilla(Sci::SCI_SETUNDOCOLLECTION, 1UL);
    SendScintilla(Sci::SCI_EMPTYUNDOBUFFER);
    SendScintilla(Sci::SCI_SETSAVEPOINT);
    setReadOnly(readOnly);
    if (m_jsonLexer)
        m_jsonLexer->resetDocumentState();
    SendScintilla(Sci::SCI_GOTOPOS, static_cast<unsigned long>(caret));
    setFirstVisibleLine(firstLine);
    updateLargeDocumentMode();
    updateLineNumberMargin();
    emit textChanged();
    emit linesChanged();
}

CodeView::CodeView(QWidget *parent, AccessibleText accessibleText)
    : QsciScintilla(parent)
{
    static const bool factoryInstalled = [] {
        QAccessible::installFactory(plainAccessibleFactory);
        return true;
    }();
    Q_UNUSED(factoryInstalled)
    setProperty(kPlainAccessibleProperty, accessibleText == AccessibleText::Omitted);

    setUtf8(true);
    // The font of Edit → Preferences, zoom included; it follows later changes.
    applyEditorFont(Preferences::instance()->editorFont());
    connect(Preferences::instance(), &Preferences::editorFontChanged, this,
            &CodeView::applyEditorFont);
    // Zoom is the window's (View → Zoom, every view at once): QScintilla's own zoom keys
    // would zoom one view and swallow the window's shortcuts.
    for (const QKeyCombination combination :
         {Qt::CTRL | Qt::Key_Plus, Qt::CTRL | Qt::Key_Minus, Qt::CTRL | Qt::Key_Equal,
          Qt::CTRL | Qt::Key_Slash, Qt::CTRL | Qt::Key_0}) {
        const int key = combination.toCombined();
        if (QsciCommand *command = standardCommands()->boundTo(key)) {
            if (command->key() == key)
                command->setKey(0);
            else
                command->setAlternateKey(0);
        }
    }
    setMarginLineNumbers(0, true);
    setMarginWidth(1, 0);
    setFolding(QsciScintilla::BoxedTreeFoldStyle, 2);
    setBraceMatching(QsciScintilla::SloppyBraceMatch);
    setWrapMode(QsciScintilla::WrapNone);
    setTabWidth(2);
    setIndentationsUseTabs(false);
    setAutoIndent(true);
    setCaretLineVisible(true);
    setFrameShape(QFrame::NoFrame);
    // Only as wide as the longest line seen so far, never a fixed 2000 px.
    SendScintilla(Sci::SCI_SETSCROLLWIDTH, 1UL);
    SendScintilla(Sci::SCI_SETSCROLLWIDTHTRACKING, 1UL);
    SendScintilla(Sci::SCI_SETLAYOUTCACHE, static_cast<unsigned long>(Sci::SC_CACHE_PAGE));
    connect(this, &QsciScintilla::linesChanged, this, &CodeView::updateLineNumberMargin);
    applyPalette();
    updateLineNumberMargin();
}

CodeView::~CodeView() = default;

void CodeView::setJsonHighlighting(bool enabled)
{
    if (enabled == (m_jsonLexer != nullptr))
        return;
    if (enabled) {
        m_jsonLexer = new JsonLexer(this);
        m_jsonLexer->setBaseFont(font());
        m_jsonLexer->setPalette(palette());
        setLexer(m_jsonLexer);
    } else {
        setLexer(nullptr);
        delete m_jsonLexer;
        m_jsonLexer = nullptr;
        setFont(font());
    }
    applyPalette();
}

void CodeView::changeEvent(QEvent *event)
{
    QsciScintilla::changeEvent(event);
    if (event->type() == QEvent::PaletteChange)
        applyPalette();
}

void CodeView::applyPalette()
{
    const QPalette pal = palette();
    const Theme::EditorColors c = Theme::editorColors(pal);
    setPaper(c.paper);
    setColor(c.text);
    setMarginsBackgroundColor(c.marginBackground);
    setMarginsForegroundColor(c.marginText);
    setFoldMarginColors(c.marginBackground, c.marginBackground);
    setMarkerBackgroundColor(c.marginText);
    setMarkerForegroundColor(c.marginBackground);
    setCaretForegroundColor(c.text);
    setCaretLineBackgroundColor(c.caretLine);
    setSelectionBackgroundColor(c.selection);
    setSelectionForegroundColor(c.text);
    setMatchedBraceBackgroundColor(c.braceMatch);
    setMatchedBraceForegroundColor(c.text);
    setUnmatchedBraceForegroundColor(JsonLexer::styleColor(JsonLexer::Error, pal));
    setUnmatchedBraceBackgroundColor(c.paper);
    if (m_jsonLexer)
        m_jsonLexer->setPalette(pal);
}

void CodeView::applyEditorFont(const QFont &font)
{
    setFont(font);
    setMarginsFont(font);
    if (m_jsonLexer)
        m_jsonLexer->setBaseFont(font);
    m_marginDigits = 0; // the margin's width depends on the font
    updateLineNumberMargin();
}

void CodeView::updateLineNumberMargin()
{
    int digits = 1;
    for (int n = lines(); n >= 10; n /= 10)
        ++digits;
    digits = std::max(digits, 3);
    if (digits == m_marginDigits)
        return;
    m_marginDigits = digits;
    setMarginWidth(0, QString(digits + 1, QLatin1Char('9')));
}

void CodeView::updateLargeDocumentMode()
{
    const bool large = byteLength() > kLargeDocumentBytes;
    if (large == m_largeDocument)
        return;
    m_largeDocument = large;
    // SCI_BRACEMATCH walks to the matching bracket: from the first '[' of 100 MB, that is all.
    setBraceMatching(large ? QsciScintilla::NoBraceMatch : QsciScintilla::SloppyBraceMatch);
}

void CodeView::setUtf8Text(QByteArrayView utf8)
{
    beginBulkLoad(utf8.size());
    appendBulk(utf8);
    endBulkLoad();
}

QByteArray CodeView::utf8Text() const
{
    const long length = SendScintilla(Sci::SCI_GETLENGTH);
    if (length <= 0)
        return {};
    const auto *text
        = reinterpret_cast<const char *>(SendScintilla(Sci::SCI_GETRANGEPOINTER, 0UL, length));
    return QByteArray(text, length);
}

qint64 CodeView::byteLength() const
{
    return SendScintilla(Sci::SCI_GETLENGTH);
}

void CodeView::beginBulkLoad(qint64 expectedBytes)
{
    m_readOnlyBeforeLoad = isReadOnly();
    setReadOnly(false);
    // QScintilla turns every insertion and deletion into an accessibility event that converts
    // the text to UTF-16 and counts the characters from the start of the document: appending
    // chunk after chunk would cost O(n^2), clearing 70 MB a tenth of a second. They are not
    // reported while loading; only "change" notifications get through (an insertion also
    // carries SC_PERFORMED_USER, so that flag is out too).
    if (!m_bulkLoading)
        m_modEventMask = SendScintilla(Sci::SCI_GETMODEVENTMASK);
    m_bulkLoading = true;
    SendScintilla(
        Sci::SCI_SETMODEVENTMASK,
        static_cast<unsigned long>(m_modEventMask
                                   & (Sci::SC_MOD_CHANGEFOLD | Sci::SC_MOD_CHANGESTYLE
                                      | Sci::SC_MOD_CHANGELINESTATE | Sci::SC_MOD_CHANGEMARKER)));
    // Undo history would keep a second copy of every appended byte.
    SendScintilla(Sci::SCI_SETUNDOCOLLECTION, 0UL);
    SendScintilla(Sci::SCI_CLEARALL);
    SendScintilla(Sci::SCI_GOTOPOS, 0UL);
    if (m_jsonLexer) // it did not see the clear
        m_jsonLexer->resetDocumentState();
    reserveBytes(expectedBytes);
    updateLargeDocumentMode();
}

void CodeView::reserveBytes(qint64 bytes)
{
    // Growing the buffers later copies them on the UI thread: size them once, while small.
    if (bytes > byteLength())
        SendScintilla(Sci::SCI_ALLOCATE, static_cast<unsigned long>(bytes + 1));
}

void CodeView::appendBulk(QByteArrayView utf8)
{
    if (utf8.isEmpty())
        return;
    SendScintilla(Sci::SCI_APPENDTEXT, static_cast<uintptr_t>(utf8.size()), utf8.data());
    updateLargeDocumentMode();
    updateLineNumberMargin();
}

void CodeView::endBulkLoad()
{
    if (m_bulkLoading) {
        m_bulkLoading = false;
        SendScintilla(Sci::SCI_SETMODEVENTMASK, static_cast<unsigned long>(m_modEventMask));
        emit textChanged();
        emit linesChanged();
    }
    SendScintilla(Sci::SCI_SETUNDOCOLLECTION, 1UL);
    SendScintilla(Sci::SCI_EMPTYUNDOBUFFER);
    SendScintilla(Sci::SCI_SETSAVEPOINT);
    setReadOnly(m_readOnlyBeforeLoad);
    updateLargeDocumentMode();
}

bool CodeView::findNext(const QString &text, bool caseSensitive, bool backwards)
{
    if (text.isEmpty())
        return false;
    const QByteArray needle = text.toUtf8();
    const long length = SendScintilla(Sci::SCI_GETLENGTH);
    const long selStart = SendScintilla(Sci::SCI_GETSELECTIONSTART);
    const long selEnd = SendScintilla(Sci::SCI_GETSELECTIONEND);
    SendScintilla(Sci::SCI_SETSEARCHFLAGS,
                  static_cast<unsigned long>(caseSensitive ? Sci::SCFIND_MATCHCASE : 0));
    const auto search = [&](long from, long to) {
        SendScintilla(Sci::SCI_SETTARGETRANGE, static_cast<unsigned long>(from), to);
        return SendScintilla(Sci::SCI_SEARCHINTARGET, static_cast<uintptr_t>(needle.size()),
                             needle.constData());
    };
    // A backward search is a target whose start lies after its end.
    long found = backwards ? search(selStart, 0) : search(selEnd, length);
    if (found < 0)
        found = backwards ? search(length, selStart) : search(0, selEnd);
    if (found < 0)
        return false;
    const long foundEnd = SendScintilla(Sci::SCI_GETTARGETEND);
    SendScintilla(Sci::SCI_ENSUREVISIBLEENFORCEPOLICY,
                  static_cast<unsigned long>(SendScintilla(Sci::SCI_LINEFROMPOSITION, found)));
    SendScintilla(Sci::SCI_SETSEL, static_cast<unsigned long>(found), foundEnd);
    return true;
}

} // namespace Patchbay::Ui
