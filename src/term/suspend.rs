//! Stopping the process the way a shell's job control expects.
//!
//! Ctrl-Z in the explorer, or `kill -TSTP` from outside, stops it, with the terminal given back
//! first and taken again on `fg`.
//!
//! A stopped process needs a shell to continue it. When the explorer's process group is
//! orphaned (no job-control shell started it: `ssh -t host actscope`, `sh -c actscope`), the
//! kernel discards a terminal's SIGTSTP rather than stop a process nobody could continue; the
//! explorer does the same and says so.

use std::fs;

/// `(parent pid, process group, session)` of a process, from `/proc/<pid>/stat`.
fn lineage(pid: &str) -> Option<(u32, u32, u32)> {
    let stat = fs::read_to_string(format!("/proc/{pid}/stat")).ok()?;
    // Fields after the command (which is in parentheses): state, ppid, pgrp, session.
    let mut fields = stat[stat.rfind(')')? + 2..].split_whitespace().skip(1);
    let mut next = || fields.next()?.parse::<u32>().ok();
    Some((next()?, next()?, next()?))
}

/// Whether stopping this process leaves someone to continue it: its parent is in another
/// process group of the same session (POSIX: the group is not orphaned). Where that cannot be
/// read (no `/proc`), assumed so.
#[must_use]
pub fn can_stop() -> bool {
    let Some((parent, group, session)) = lineage("self") else {
        return true;
    };
    match lineage(&parent.to_string()) {
        Some((_, parent_group, parent_session)) => {
            parent_session == session && parent_group != group
        }
        None => true,
    }
}
