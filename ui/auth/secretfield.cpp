#include "ui/auth/secretfield.h"

#include <QAction>
#include <QCoreApplication>
#include <QHBoxLayout>
#include <QIcon>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QPainter>
#include <QPainterPath>
#include <QPlainTextEdit>
#include <QRegularExpression>
#include <QStackedWidget>
#include <QToolButton>

namespace Patchbay::Ui {

namespace {

// An eye drawn in the text colour, for desktops whose icon theme has no "view-visible".
QIcon eyeIcon(const QPalette &palette)
{
    const QIcon themed = QIcon::fromTheme(QStringLiteral("view-visible"));
    if (!themed.isNull())
        return themed;
    QIcon icon;
    for (const int size : {16, 32}) {
        QPixmap pixmap(size, size);
        pixmap.fill(Qt::transparent);
        QPainter painter(&pixmap);
        painter.setRenderHint(QPainter::Antialiasing);
        const qreal s = size / 16.0;
        QPen pen(palette.color(QPalette::Text), 1.4 * s);
        painter.setPen(pen);
        QPainterPath outline;
        outline.moveTo(1.5 * s, 8 * s);
        outline.quadTo(8 * s, 1 * s, 14.5 * s, 8 * s);
        outline.quadTo(8 * s, 15 * s, 1.5 * s, 8 * s);
        painter.drawPath(outline);
        painter.setBrush(palette.color(QPalette::Text));
        painter.drawEllipse(QPointF(8 * s, 8 * s), 2.2 * s, 2.2 * s);
        painter.end();
        icon.addPixmap(pixmap);
    }
    return icon;
}

QString tr(const char *text)
{
    return QCoreApplication::translate("Patchbay::Ui::SecretField", text);
}

} // namespace

void makeSecretField(QLineEdit *edit)
{
    edit->setEchoMode(QLineEdit::Password);
    QAction *reveal = edit->addAction(eyeIcon(edit->palette()), QLineEdit::TrailingPosition);
    reveal->setCheckable(true);
    reveal->setToolTip(tr("Show"));
    reveal->setObjectName(QStringLiteral("revealAction"));
    QObject::connect(reveal, &QAction::toggled, edit, [edit, reveal](bool shown) {
        edit->setEchoMode(shown ? QLineEdit::Normal : QLineEdit::Password);
        reveal->setToolTip(shown ? tr("Hide") : tr("Show"));
    });
}

void makeKeyringSecretField(QLineEdit *edit)
{
    makeSecretField(edit);
    edit->setToolTip(tr("A secret typed here is kept in the keyring when you save: the file "
                        "gets a {{variable}} that refers to it."));
}

SecretTextField::SecretTextField(QPlainTextEdit *edit, QWidget *parent)
    : QWidget(parent)
    , m_edit(edit)
    , m_mask(new QLabel(this))
    , m_stack(new QStackedWidget(this))
    , m_reveal(new QToolButton(this))
{
    auto *layout = new QHBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    m_mask->setObjectName(QStringLiteral("secretMask"));
    m_mask->setAlignment(Qt::AlignLeft | Qt::AlignTop);
    m_mask->setTextInteractionFlags(Qt::NoTextInteraction);
    m_mask->setFrameShape(QFrame::StyledPanel);
    m_mask->setMargin(4);
    m_stack->addWidget(m_edit);
    m_stack->addWidget(m_mask);
    m_stack->setMaximumHeight(m_edit->maximumHeight());
    m_reveal->setObjectName(QStringLiteral("revealButton"));
    m_reveal->setCheckable(true);
    m_reveal->setIcon(eyeIcon(palette()));
    m_reveal->setAccessibleName(tr("Show the key"));
    layout->addWidget(m_stack, 1);
    layout->addWidget(m_reveal, 0, Qt::AlignTop);
    setFocusProxy(m_edit);
    connect(m_reveal, &QToolButton::toggled, this, [this](bool shown) {
        update();
        if (shown)
            m_edit->setFocus();
    });
    // Typing or pasting into the open editor keeps it open (the eye then hides it).
    connect(m_edit, &QPlainTextEdit::textChanged, this, [this] {
        if (!isConcealed()) {
            const QSignalBlocker blocker(m_reveal);
            m_reveal->setChecked(true);
        }
        update();
    });
    conceal();
}

bool SecretTextField::isConcealed() const
{
    return m_stack->currentWidget() == m_mask;
}

void SecretTextField::conceal()
{
    const QSignalBlocker blocker(m_reveal);
    m_reveal->setChecked(false);
    update();
}

void SecretTextField::update()
{
    static const QRegularExpression variable(QStringLiteral("^\\s*\\{\\{[^{}]+\\}\\}\\s*$"));
    const QString text = m_edit->toPlainText();
    const bool literal = !text.trimmed().isEmpty() && !variable.match(text).hasMatch();
    m_reveal->setEnabled(literal);
    m_reveal->setToolTip(m_reveal->isChecked() ? tr("Hide") : tr("Show"));
    if (literal && !m_reveal->isChecked()) {
        m_mask->setText(tr("%1  (%2 characters; the eye shows it)")
                            .arg(QString(12, QChar(0x2022)), QLocale().toString(text.size())));
        m_stack->setCurrentWidget(m_mask);
    } else {
        m_stack->setCurrentWidget(m_edit);
    }
}

} // namespace Patchbay::Ui
