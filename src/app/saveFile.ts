/** Hands `text` to the browser as a downloaded file named `name`: no server, so it works offline. */
export function saveFile(name: string, type: string, text: string): void {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const link = document.createElement('a');
  link.href = url;
  link.download = name;
  link.style.display = 'none';
  document.body.append(link);
  link.click();
  link.remove();
  // The download has started from the URL by the time the click returns; free it soon after.
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
