import { useEffect, useRef, useState } from 'react';

/**
 * A form's draft in this browser's localStorage until it is saved: a conversation
 * typed on a phone survives a lost connection, a closed tab or an expired sign-in.
 * Kept per user and case; never a CPR number (the forms that keep a draft have none).
 * Returns when the draft was last written, and `clear` for after a save or on request.
 */
export function useDraft<T extends object>(key: string, value: T, restore: (draft: T) => void) {
  const [savedAt, setSavedAt] = useState<Date | null>(null);
  const [restoredAt, setRestoredAt] = useState<Date | null>(null);
  const json = JSON.stringify(value);
  // What is stored (or, with no draft, the empty form): nothing to write until the user changes it.
  const written = useRef<string | null>(null);

  useEffect(() => {
    written.current = json;
    const raw = localStorage.getItem(key);
    if (raw) {
      try {
        const draft = JSON.parse(raw) as { savedAt: string; value: T };
        written.current = JSON.stringify(draft.value);
        restore(draft.value);
        setRestoredAt(new Date(draft.savedAt));
      } catch {
        localStorage.removeItem(key);
      }
    }
    // Only a new key restores: `restore` is the form's setters, the same for the page's life.
  }, [key]);

  useEffect(() => {
    if (written.current === null || json === written.current) return;
    const timer = setTimeout(() => {
      written.current = json;
      const at = new Date();
      localStorage.setItem(key, JSON.stringify({ savedAt: at.toISOString(), value: JSON.parse(json) as T }));
      setSavedAt(at);
    }, 400);
    return () => clearTimeout(timer);
  }, [key, json]);

  const clear = () => {
    localStorage.removeItem(key);
    setSavedAt(null);
    setRestoredAt(null);
  };
  return { savedAt, restoredAt, clear };
}
