#include "ui/response/bodytextloader.h"

#include "core/json/jsonformatter.h"
#include "ui/common/codeview.h"
#include "ui/common/jsonlexer.h"

#include <QElapsedTimer>
#include <QIODevice>
#include <QMutex>
#include <QSemaphore>
#include <QTimer>
#include <QtConcurrent/QtConcurrentRun>

#include <atomic>
#include <deque>
#include <optional>

namespace Patchbay::Ui {

namespace {

constexpr qint64 kReadBytes = 1024 * 1024;
// The first screen comes from a small first chunk shown right away; the whole text goes into
// a document built by the worker and swapped in at the end.
constexpr qsizetype kFirstChunkBytes = 64 * 1024;
// Appending stops for an event-loop turn after this much time.
constexpr qint64 kTurnBudgetMs = 20;

// Where to cut `text` so that the first part ends at a line break (or at least between two
// UTF-8 characters).
qsizetype cutPosition(const QByteArray &text, qsizetype wanted)
{
    wanted = std::min(wanted, text.size());
    const qsizetype newline = text.lastIndexOf('\n', wanted - 1);
    if (newline >= wanted / 2)
        return newline + 1;
    qsizetype cut = wanted;
    while (cut > 0 && cut < text.size() && (static_cast<unsigned char>(text[cut]) & 0xc0) == 0x80)
        --cut;
    return cut;
}

} // namespace

struct BodyTextLoader::Job
{
    QMutex mutex;
    std::deque<QByteArray> chunks;
    bool done = false;
    bool notified = false; // a drain is queued on the UI thread
    Outcome outcome = Outcome::Complete;
    std::atomic_bool cancelled {false};
    DocumentLoader document; // the whole text, when more than the first chunk
    bool hasDocument = false;
    std::vector<int> checkpoints; // JSON depth checkpoints of the whole text
};

BodyTextLoader::BodyTextLoader(CodeView *view, QObject *parent)
    : QObject(parent)
    , m_view(view)
{ }

BodyTextLoader::~BodyTextLoader()
{
    // The view may be gone already: only stop the worker.
    if (m_job)
        m_job->cancelled = true;
    for (QFuture<void> &worker : m_workers)
        worker.waitForFinished();
}

void BodyTextLoader::cancel()
{
    if (!m_job)
        return;
    m_job->cancelled = true;
    m_job.reset();
    m_view->endBulkLoad();
}

void BodyTextLoader::start(const Core::ResponseBody &body, Transform transform, qint64 maxBytes)
{
    cancel();
    m_workers.removeIf([](const QFuture<void> &f) { return f.isFinished(); });
    m_bytesShown = 0;
    m_view->beginBulkLoad(0);

    auto job = std::make_shared<Job>();
    job->document = m_view->createDocumentLoader(m_view->jsonLexer() != nullptr);
    m_job = job;
    // The worker only reaches `this` through queued calls; the destructor waits for it.
    const auto notify = [this, job] {
        QMutexLocker lock(&job->mutex);
        if (job->notified)
            return;
        job->notified = true;
        lock.unlock();
        QMetaObject::invokeMethod(this, &BodyTextLoader::drain, Qt::QueuedConnection);
    };
    const bool trackDepth = transform == Transform::PrettyJson;
    m_workers.append(QtConcurrent::run([job, body, transform, maxBytes, trackDepth, notify] {
        const auto finish = [&](Outcome outcome) {
            {
                QMutexLocker lock(&job->mutex);
                job->outcome = outcome;
                job->done = true;
            }
            notify();
        };
        const auto push = [&](QByteArray chunk) {
            {
                QMutexLocker lock(&job->mutex);
                job->chunks.push_back(std::move(chunk));
            }
            notify();
        };

        const std::unique_ptr<QIODevice> device = body.open();
        if (!device) {
            finish(Outcome::ReadFailed);
            return;
        }
        Core::JsonFormatter formatter;
        // The formatter stops itself one byte past the limit: a single chunk of hostile JSON
        // can never grow the text beyond what the view accepts.
        formatter.setOutputBudget(maxBytes + 1);
        JsonDepthScanner scanner;
        std::vector<int> checkpoints;
        QByteArray all; // grows by realloc (mremap for large blocks): no copies
        qsizetype scanned = 0;
        qsizetype firstChunk = -1; // length of the chunk already shown, -1 before
        Outcome outcome = Outcome::Complete;
        while (!job->cancelled) {
            const QByteArray in = device->read(kReadBytes);
            if (in.isEmpty()) {
                if (!device->atEnd())
                    outcome = Outcome::ReadFailed;
                break;
            }
            if (transform == Transform::PrettyJson) {
                const qsizetype before = all.size();
                formatter.feed(in, all);
                if (before == 0) {
                    // Records repeat: the growth of the first MiB predicts the whole. Capacity
                    // that is never written costs no memory.
                    const double ratio = double(all.size()) / double(in.size());
                    all.reserve(
                        std::min<qint64>(maxBytes, qint64(double(body.size()) * ratio * 1.1))
                        + kReadBytes * 2);
                }
            } else {
                if (all.isEmpty())
                    all.reserve(std::min(body.size(), maxBytes) + 16);
                all.append(in);
            }
            if (all.size() > maxBytes) {
                all.truncate(cutPosition(all, maxBytes));
                outcome = Outcome::TooLarge;
            }
            if (trackDepth) {
                scanner.feed(all.constData() + scanned, all.size() - scanned, checkpoints);
                scanned = all.size();
            }
            if (firstChunk < 0 && all.size() >= kFirstChunkBytes) {
                firstChunk = cutPosition(all, kFirstChunkBytes);
                push(all.left(firstChunk));
            }
            if (outcome == Outcome::TooLarge)
                break;
        }
        if (job->cancelled)
            return;
        if (outcome == Outcome::Complete && formatter.isFlattened())
            outcome = Outcome::CompleteFlattened;
        if (firstChunk < 0) {
            // Small: the first chunk is everything.
            push(std::move(all));
        } else if (outcome != Outcome::TooLarge || transform == Transform::Raw) {
            // Everything once more, into a document nobody shows yet: Scintilla indexes the
            // lines here, off the UI thread, and sizes its buffers once.
            const bool ok = job->document.addData(all);
            all = QByteArray();
            if (job->cancelled)
                return;
            QMutexLocker lock(&job->mutex);
            job->hasDocument = ok;
            job->checkpoints = std::move(checkpoints);
            if (!ok)
                outcome = Outcome::ReadFailed;
        }
        finish(outcome);
    }));
}

void BodyTextLoader::drain()
{
    const std::shared_ptr<Job> job = m_job;
    if (!job)
        return;
    QElapsedTimer timer;
    timer.start();
    for (;;) {
        QByteArray chunk;
        bool done = false;
        Outcome outcome = Outcome::Complete;
        {
            QMutexLocker lock(&job->mutex);
            if (job->chunks.empty()) {
                job->notified = false;
                done = job->done;
                outcome = job->outcome;
            } else {
                chunk = std::move(job->chunks.front());
                job->chunks.pop_front();
            }
        }
        if (chunk.isNull()) {
            if (done)
                finish(outcome);
            return;
        }
        const bool firstText = m_bytesShown == 0;
        m_view->appendBulk(chunk);
        m_bytesShown += chunk.size();
        if (firstText)
            emit firstTextShown();
        if (job != m_job) // a slot connected to firstTextShown started something else
            return;
        if (timer.elapsed() >= kTurnBudgetMs) {
            QTimer::singleShot(0, this, &BodyTextLoader::drain);
            return;
        }
    }
}

void BodyTextLoader::finish(Outcome outcome)
{
    const std::shared_ptr<Job> job = std::move(m_job);
    if (job->hasDocument) {
        m_view->showLoadedDocument(std::move(job->document));
        m_bytesShown = m_view->byteLength();
        if (JsonLexer *lexer = m_view->jsonLexer())
            lexer->setCheckpoints(std::move(job->checkpoints));
    }
    m_view->endBulkLoad();
    emit finished(outcome);
}

} // namespace Patchbay::Ui
