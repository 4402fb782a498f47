#pragma once

#include <QComboBox>
#include <QLineEdit>
#include <QObject>
#include <QTest>

// Driving the auth editor's widgets as a user would, shared by the tests in tests/ui/auth.
namespace Patchbay::Test {

// The child of `parent` named `name`, with a warning naming it when there is none.
template<typename T> T *child(QObject *parent, const char *name)
{
    T *found = parent->findChild<T *>(QLatin1String(name));
    if (!found)
        qWarning("no child %s", name);
    return found;
}

// Picks the entry of `combo` whose data is `data`.
inline void choose(QComboBox *combo, int data)
{
    combo->setCurrentIndex(combo->findData(data));
}

// Replaces the text of `edit` by typing `text`.
inline void type(QLineEdit *edit, const QString &text)
{
    edit->setFocus();
    edit->selectAll();
    QTest::keyClicks(edit, text);
}

} // namespace Patchbay::Test
