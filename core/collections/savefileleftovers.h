#pragma once

#include <QDateTime>
#include <QString>
#include <QStringView>

namespace Patchbay::Core {

// QSaveFile writes "NAME.yaml.XXXXXX" beside NAME.yaml and renames it over NAME.yaml on commit.
// A process killed between the two leaves the temporary file behind (the target stays intact).
// Opening a workspace removes such files when they are older than this process: a save in
// progress in another process is newer than that, and the target file was never touched.

// True for "NAME.yaml.XXXXXX" (six letters or digits, as QSaveFile names them).
bool isSaveFileLeftoverName(QStringView fileName);

// When this process started (the moment the core library was loaded).
QDateTime processStartTime();

// Removes the regular files under `root` (hidden folders and symlinks are not entered) whose
// name isSaveFileLeftoverName() and that were last modified before `before`. Returns how many.
int removeStaleSaveFiles(const QString &root, const QDateTime &before);

} // namespace Patchbay::Core
