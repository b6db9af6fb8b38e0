// FileMenu: the window's "File" menu with Quit (QKeySequence::Quit, else Ctrl+Q).
// Quit closes the window; the app then leaves its event loop and shuts down in order (the
// window and its Bridge first, then the engine stops its auto-producers, consumers and
// brokers: see app/gui/main.cpp). Kept out of MainWindow, which only lays out; the Shell adds
// it to every window it builds. Retranslates itself on QEvent::LanguageChange. GUI thread only.
#pragma once

#include <QMenu>

class QAction;
class QMainWindow;

class FileMenu : public QMenu {
    Q_OBJECT
public:
    // Adds the menu to `window`'s menu bar; `window` owns it.
    static FileMenu *install(QMainWindow *window);

    QAction *quitAction() const { return m_quit; }

protected:
    void changeEvent(QEvent *event) override;

private:
    explicit FileMenu(QMainWindow *window);
    void retranslateUi();

    QAction *m_quit = nullptr;
};
