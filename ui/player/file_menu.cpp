// FileMenu: File > Quit for the Shell's window.
#include "player/file_menu.h"

#include <QAction>
#include <QEvent>
#include <QMainWindow>
#include <QMenuBar>

FileMenu *FileMenu::install(QMainWindow *window)
{
    auto *menu = new FileMenu(window);
    window->menuBar()->addMenu(menu);
    return menu;
}

FileMenu::FileMenu(QMainWindow *window) : QMenu(window)
{
    setObjectName(QStringLiteral("fileMenu"));
    m_quit = addAction(QString());
    m_quit->setObjectName(QStringLiteral("quitAction"));
    // The platform's Quit keys (Cmd+Q on macOS); Ctrl+Q where the platform names none (some
    // Linux themes, offscreen, Windows).
    QList<QKeySequence> keys = QKeySequence::keyBindings(QKeySequence::Quit);
    if (keys.isEmpty())
        keys << QKeySequence(Qt::CTRL | Qt::Key_Q);
    m_quit->setShortcuts(keys);
    m_quit->setShortcutContext(Qt::WindowShortcut);
    m_quit->setMenuRole(QAction::QuitRole);
    // The shortcut must work while the menu is closed: the window holds the action too.
    window->addAction(m_quit);
    connect(m_quit, &QAction::triggered, window, &QWidget::close);
    retranslateUi();
}

void FileMenu::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslateUi();
    QMenu::changeEvent(event);
}

void FileMenu::retranslateUi()
{
    setTitle(tr("&File"));
    m_quit->setText(tr("&Quit"));
    m_quit->setToolTip(tr("Stop the auto-producers, consumers and brokers and close Kafka Lab"));
}
