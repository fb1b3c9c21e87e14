// The floor of bench/startup: the smallest React page with a sign-in form (React and React DOM, nothing else).
import { createRoot } from 'react-dom/client';

createRoot(document.getElementById('root') as HTMLElement).render(
  <form><label>User name <input /></label><label>Password <input type="password" /></label><button type="submit">Sign in</button></form>,
);
