/** Renderer entry: mounts the Svelte app (the same code runs in the web build and the desktop window). */
import { mount } from 'svelte';
import App from './App.svelte';
import './styles.css';

const target = document.getElementById('app');
if (target === null) throw new Error('index.html has no #app element');

/** The mounted application (kept for hot module reloading and debugging). */
export const app = mount(App, { target });
